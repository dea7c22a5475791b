/**
 * Resolving a conflict in <poweroffice-sync>, keyboard only, with the worker on CONFLICT_POLICY=manual: the same
 * property edited differently on both sides shows up under "Needs attention"; the dialog shows both values, keeps
 * Tab inside, closes on Escape (focus back on Resolve), and saving the admin's choice writes it to the other side.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { WebshopRecordStatus } from "../../shared/api/records";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";
import { contrastProblems } from "./page-checks";

let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ name: "conflict", conflictPolicy: "manual" });
  await stack.syncUntilQuiet();
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const PO_PHONE = "+47 22 22 22 22";
const SHOP_PHONE = "+47 33 33 33 33";

test("a conflict is resolved through the dialog by keyboard, choosing a side per property", async () => {
  const status = await fetch(`${stack.workerUrl}/api/records/by-webshop/customers/cus_000001`, {
    headers: { Authorization: `Bearer ${await stack.mint({ scope: "read" })}` },
  });
  const customer = (await status.json()) as WebshopRecordStatus;
  const poId = customer.record?.ids.poweroffice;
  expect(poId).toBeTruthy();

  // Both sides change the phone before the sync sees either: PowerOffice first (it is polled), then the shop (its
  // webhook makes the worker read both sides at once).
  stack.po.edit("customers", Number(poId), { PhoneNumber: PO_PHONE });
  stack.shop.edit("customers", "cus_000001", { phone: SHOP_PHONE });
  await stack.shop.webhooks.flush();
  await expect
    .poll(
      async () => {
        await stack.cron();
        return (await stack.status()).attention.conflicts;
      },
      { timeout: 20_000, interval: 1000 },
    )
    .toBe(1);

  await page.goto(
    stack.page({
      body: `<main style="max-width: 900px; margin: 24px auto"><poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0"></poweroffice-sync></main>`,
    }),
  );
  const item = page.locator("poweroffice-sync .attention-item[data-kind=conflict]");
  await item.waitFor();
  expect(await item.textContent()).toContain("Conflict");
  const resolve = item.getByRole("button", { name: /^Resolve: / });
  await page.locator("poweroffice-sync").screenshot({ path: join(SCREENSHOT_DIR, "conflict-needs-attention.png") });

  await resolve.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  expect(await dialog.getAttribute("aria-labelledby")).toBe("dialog-title");
  expect(await page.getByRole("dialog", { name: /^Resolve conflict: / }).count()).toBe(1);
  const group = dialog.getByRole("group", { name: /phone/ });
  await group.waitFor();
  expect(await group.textContent()).toContain(PO_PHONE);
  expect(await group.textContent()).toContain(SHOP_PHONE);
  expect(await dialog.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
  await page.screenshot({ path: join(SCREENSHOT_DIR, "conflict-dialog.png") });
  expect(await contrastProblems(page, "poweroffice-sync")).toEqual([]);

  // Tab never leaves the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInDialog(page)).toBe(true);
  }
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInDialog(page)).toBe(true);
  }

  // Escape closes it and gives focus back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await focusedText(page)).toBe("Resolve");

  await page.keyboard.press("Enter");
  await dialog.waitFor();
  await group.waitFor();
  // Focus is on the first choice of the first property: Space picks PowerOffice's value.
  expect(await focusedValue(page)).toBe("poweroffice");
  await page.keyboard.press("Space");
  expect(await dialog.getByRole("radio", { name: /Keep PowerOffice/ }).isChecked()).toBe(true);
  expect(await dialog.getByRole("button", { name: "Save" }).isDisabled()).toBe(false);
  await page.keyboard.press("Tab");
  expect(await focusedText(page)).toBe("Cancel");
  await page.keyboard.press("Tab");
  expect(await focusedText(page)).toBe("Save");
  await page.keyboard.press("Enter");

  await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0);
  const announcement = page.locator("poweroffice-sync [part=status]");
  await expect.poll(() => announcement.textContent()).toContain("Done. State: Linked.");
  await expect.poll(() => page.getByText("Nothing needs attention.").count()).toBe(1);
  await expect.poll(() => stack.shop.get("customers", "cus_000001")?.phone).toBe(PO_PHONE);
  expect((await stack.status()).attention.conflicts).toBe(0);
  await page.locator("poweroffice-sync").screenshot({ path: join(SCREENSHOT_DIR, "conflict-resolved.png") });
});

function focusInDialog(target: Page): Promise<boolean> {
  return target.evaluate(() => {
    const root = document.querySelector("poweroffice-sync")?.shadowRoot;
    const active = root?.activeElement;
    return !!active && !!active.closest("dialog[open]");
  });
}

function focused(target: Page) {
  return target.evaluateHandle(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  });
}

async function focusedText(target: Page): Promise<string | null> {
  return (await focused(target)).evaluate((el) => el?.textContent?.trim() ?? null);
}

async function focusedValue(target: Page): Promise<string | null> {
  return (await focused(target)).evaluate((el) => (el as HTMLInputElement | null)?.value ?? null);
}

test("an ambiguous match is linked by hand through the dialog (the worker's answers stubbed in the browser)", async () => {
  // A real ambiguous match needs duplicate customers on one side; the worker's link route has its own tests, so
  // here the browser gets one ambiguous record and the test reads what the widget sends.
  await page.route("**/api/status", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { attention: { ambiguous: number } };
    body.attention.ambiguous = 1;
    await route.fulfill({ response, json: body });
  });
  await page.route("**/api/records?*", (route) =>
    route.fulfill({
      json: {
        data: [
          {
            linkId: 999,
            dataflow: "customers",
            state: "ambiguous",
            ids: { poweroffice: null, webshop: "cus_000009" },
            label: "Ola Nordmann",
            powerofficeNumber: null,
            lastError: {
              code: "ambiguous",
              message: "Two PowerOffice customers have the e-mail ola@example.no: 10482301 and 10482302.",
              side: null,
            },
            attempts: 0,
            nextRetryAt: null,
            openConflicts: 0,
            needsAttention: true,
            updatedAt: new Date().toISOString(),
          },
        ],
        nextCursor: null,
      },
    }),
  );
  const sent: unknown[] = [];
  await page.route("**/api/links", async (route) => {
    sent.push(route.request().postDataJSON());
    await route.fulfill({ json: { linkId: 999, state: "linked", message: "Linked by hand.", record: null } });
  });

  await page.goto(
    stack.page({
      body: `<main style="max-width: 900px; margin: 24px auto"><poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0"></poweroffice-sync></main>`,
    }),
  );
  const link = page.getByRole("button", { name: "Link by hand: Ola Nordmann" });
  await link.click();
  const dialog = page.getByRole("dialog", { name: "Link by hand: Ola Nordmann" });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain("10482301 and 10482302");
  expect(await dialog.getByRole("textbox", { name: "Webshop id" }).inputValue()).toBe("cus_000009");
  // Focus starts in the first field; typing and Enter submit the form.
  await page.keyboard.type("10482302");
  await page.screenshot({ path: join(SCREENSHOT_DIR, "link-by-hand-dialog.png") });
  await page.keyboard.press("Enter");
  await expect.poll(() => dialog.count()).toBe(0);
  expect(sent).toEqual([{ dataflow: "customers", powerofficeId: "10482302", webshopId: "cus_000009" }]);
  await expect
    .poll(() => page.locator("poweroffice-sync [part=status]").textContent())
    .toContain("Done. State: Linked. Linked by hand.");
});
