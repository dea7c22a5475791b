/**
 * <poweroffice-sync-record> on an order page of the shop admin, in Chromium against the real worker: the state in
 * words, pushing a waiting order (a double click is one push), a failed push explained in words and fixed from the
 * keyboard, pushing an order invoiced in PowerOffice (what the push found, in words), bokmål, and the admin who last
 * acted on it (the token's `sub`).
 */
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";
import { contrastProblems } from "./page-checks";

let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ name: "record" });
  await stack.syncUntilQuiet();
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const recordPage = (id: string, lang = "en") =>
  stack.page({
    lang,
    body: `<main style="max-width: 560px; margin: 24px">
      <h1 style="font: 600 20px system-ui">Order ${id}</h1>
      <poweroffice-sync-record api-base="${stack.workerUrl}" resource="orders" record-id="${id}" refresh-seconds="0">
      </poweroffice-sync-record>
    </main>`,
  });

const shot = (name: string) => page.locator("main").screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
const widget = () => page.locator("poweroffice-sync-record");
const badge = () => widget().locator("[part~=badge]");
const outcome = () => widget().getByRole("status");

test("a linked order shows its state in words, its PowerOffice number and when it last synced", async () => {
  const scripts: string[] = [];
  const onRequest = (request: Request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  };
  page.on("request", onRequest);
  await page.goto(recordPage("ord_000001"));
  await expect.poll(() => badge().textContent()).toContain("Linked");
  // A record page loads /widget.js alone, never the dashboard's lazily loaded go-live.js.
  page.off("request", onRequest);
  expect(scripts.filter((path) => path.endsWith(".js") && path !== "/widget.js")).toEqual([]);
  expect(scripts).toContain("/widget.js");
  const lazy = await page.evaluate(() =>
    ["poweroffice-sync-go-live", "poweroffice-sync-connection"].filter((tag) => customElements.get(tag)),
  );
  expect(lazy).toEqual([]);
  expect(await badge().getAttribute("data-state")).toBe("linked");
  expect(await page.getByRole("heading", { name: "PowerOffice sync for this order" }).count()).toBe(1);
  const poweroffice = await widget().locator("[part=poweroffice-id]").textContent();
  expect(poweroffice).toMatch(/No\. \d+/);
  expect(poweroffice).toMatch(/\(id [0-9a-f-]+\)/);
  expect(await widget().locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(await widget().locator(".last-error").count()).toBe(0);
  expect(await contrastProblems(page, "poweroffice-sync-record")).toEqual([]);
  await shot("record-linked-en");
});

test("speaks bokmål on a Norwegian page", async () => {
  await page.goto(recordPage("ord_000001", "nb"));
  await expect.poll(() => badge().textContent()).toContain("Koblet");
  expect(await page.getByRole("heading", { name: "PowerOffice-synkronisering for denne ordren" }).count()).toBe(1);
  expect(await page.getByRole("button", { name: "Send til PowerOffice" }).count()).toBe(1);
  expect(await widget().locator("[part=poweroffice-id]").textContent()).toMatch(/Nr\. \d+/);
  await shot("record-linked-nb");
});

test("pushing an order the sync has not seen links it; a double click is one push", async () => {
  const ordersBefore = stack.po.count("salesOrders");
  // Seeded orders send no webhook, so the worker knows nothing of this one until it is pushed.
  const order = stack.shop.seed.order({ customer_id: "cus_000002" });
  await page.goto(recordPage(order.id));
  await expect.poll(() => badge().textContent()).toContain("Not linked");
  expect(await widget().locator("[part=poweroffice-id]").textContent()).toContain("Not in PowerOffice yet");
  await shot("record-unlinked");

  const pushes: Request[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/push") && request.method() === "POST") pushes.push(request);
  });
  await page.evaluate(() => {
    const w = window as unknown as { pushed: unknown[] };
    w.pushed = [];
    document.addEventListener("poweroffice-sync-pushed", (event) => w.pushed.push((event as CustomEvent).detail));
  });
  await page.getByRole("button", { name: "Push to PowerOffice" }).dblclick();
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toContain("Pushed. State now: Linked.");
  expect(await badge().textContent()).toContain("Linked");
  expect(await widget().locator(".last-error").count()).toBe(0);
  expect(await widget().locator("[part=poweroffice-id]").textContent()).toMatch(/No\. \d+/);

  expect(pushes).toHaveLength(1);
  expect(pushes[0]!.headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(stack.po.count("salesOrders")).toBe(ordersBefore + 1);
  expect(await page.evaluate(() => (window as unknown as { pushed: unknown[] }).pushed)).toEqual([
    expect.objectContaining({ resource: "orders", recordId: order.id, state: "linked" }),
  ]);
  await shot("record-pushed");
});

test("a failed push says why in words; Tab and Enter push again once it can succeed", async () => {
  const order = stack.shop.seed.order({ customer_id: "cus_000001" });
  stack.po.faults.add({ kind: "status", status: 400, method: "POST", path: "/SalesOrders/Complete", times: Infinity });
  await page.goto(recordPage(order.id));
  await expect.poll(() => badge().textContent()).toContain("Not linked");

  await page.keyboard.press("Tab");
  expect(await focusedText(page)).toBe("Push to PowerOffice");
  await page.keyboard.press("Enter");
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toMatch(/^That did not work: .+/);
  const said = (await outcome().textContent()) ?? "";
  expect(said).toContain("PowerOffice");
  expect(said).toMatch(/400|refused|rejected/i);
  expect(await badge().textContent()).toContain("Error");
  expect(await widget().locator(".last-error").textContent()).toMatch(/PowerOffice/);
  await shot("record-error");

  stack.po.faults.clear();
  // Focus stayed on the button through the failed push.
  expect(await focusedText(page)).toBe("Push to PowerOffice");
  await page.keyboard.press("Enter");
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toContain("Pushed. State now: Linked.");
  expect(await badge().textContent()).toContain("Linked");
});

test("pushing an order invoiced in PowerOffice marks it invoiced and says so", async () => {
  const order = stack.shop.seed.order({ customer_id: "cus_000001" });
  await page.goto(recordPage(order.id));
  await expect.poll(() => badge().textContent()).toContain("Not linked");
  await widget().getByRole("button", { name: "Push to PowerOffice" }).click();
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toContain("Pushed. State now: Linked.");
  const poId = stack.shop.get("orders", order.id)!.external_ids.poweroffice_sales_order!;
  stack.po.invoiceOrder(poId);

  await widget().getByRole("button", { name: "Push to PowerOffice" }).click();
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toContain("Pushed. State now: Archived.");
  expect(await outcome().textContent()).toMatch(/no longer among its sales orders .*marked invoiced/);
  expect(await badge().getAttribute("data-state")).toBe("archived");
  expect(stack.shop.get("orders", order.id)?.status).toBe("invoiced");
  await shot("record-pushed-invoiced");
});

test("stopping the sync of a record asks first; Keep syncing changes nothing, Stop syncing unlinks it", async () => {
  const order = stack.shop.seed.order({ customer_id: "cus_000001" });
  await page.goto(recordPage(order.id));
  await expect.poll(() => badge().textContent()).toContain("Not linked");
  expect(await widget().getByRole("button", { name: "Stop syncing…" }).count()).toBe(0);
  await widget().getByRole("button", { name: "Push to PowerOffice" }).click();
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toContain("Pushed. State now: Linked.");

  await widget().getByRole("button", { name: "Stop syncing…" }).click();
  const question = widget().getByRole("group");
  expect(await question.textContent()).toContain("Neither record is changed or deleted");
  // The keyboard lands on the safe answer.
  expect(await focusedText(page)).toBe("Keep syncing");
  await page.keyboard.press("Enter");
  expect(await question.count()).toBe(0);
  expect(await badge().getAttribute("data-state")).toBe("linked");
  expect(await focusedText(page)).toBe("Stop syncing…");

  await page.keyboard.press("Enter");
  const poOrders = stack.po.list("salesOrders").length;
  await shot("record-unlink-question");
  await widget().getByRole("button", { name: "Stop syncing", exact: true }).click();
  await expect.poll(() => badge().getAttribute("data-state"), { timeout: 20_000 }).not.toBe("linked");
  expect(await outcome().textContent()).toMatch(/\S/);
  expect(await widget().getByRole("button", { name: "Stop syncing…" }).count()).toBe(0);
  // The worker agrees: the link is no longer synced, and both records are still there.
  const answer = await fetch(`${stack.workerUrl}/api/records/by-webshop/orders/${order.id}`, {
    headers: { Authorization: `Bearer ${await stack.mint({ scope: "read" })}`, Origin: stack.hostOrigin },
  });
  expect(((await answer.json()) as { state: string }).state).toBe("skipped");
  expect(stack.shop.get("orders", order.id)).toBeTruthy();
  expect(stack.po.list("salesOrders")).toHaveLength(poOrders);
  await shot("record-unlinked");
});

test("an admin's action names the admin: on the record, and in the dashboard's activity", async () => {
  const order = stack.shop.seed.order({ customer_id: "cus_000001" });
  await page.goto(recordPage(order.id));
  await expect.poll(() => badge().textContent()).toContain("Not linked");
  expect(await widget().locator("[part=admin-action]").count()).toBe(0);
  await widget().getByRole("button", { name: "Push to PowerOffice" }).click();
  await expect.poll(() => outcome().textContent(), { timeout: 20_000 }).toContain("Pushed. State now: Linked.");

  await page.goto(recordPage(order.id));
  await expect.poll(() => widget().locator("[part=admin-action]").count()).toBe(1);
  expect(await widget().locator("[part=admin-action]").textContent()).toContain("Pushed");
  // The host page's token names its admin in `sub` (test/browser/harness.ts).
  expect(await widget().locator("[part=admin-actor]").textContent()).toBe("by browser-test-admin");
  await shot("record-admin-action");

  await page.goto(
    stack.page({
      body: `<main><poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0"></poweroffice-sync></main>`,
    }),
  );
  const pushed = page.locator("poweroffice-sync .activity-item[data-action=pushed]");
  await expect.poll(() => pushed.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(await pushed.first().locator("[part=activity-actor]").textContent()).toContain("by browser-test-admin");
  expect(await pushed.first().textContent()).toContain(order.id);
});

async function focusedText(target: Page): Promise<string | null> {
  return target.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.textContent?.trim() ?? null;
  });
}
