/**
 * Going live in Chromium against the real worker started with FIRST_SYNC=preview: the dashboard loads go-live.js,
 * shows the checklist and the first sync's preview (counts per dataflow, the plan filtered, searched, paged and
 * downloaded as CSV, an ambiguous pair linked by hand, the options), with zero writes to either simulator until
 * "Start syncing"; then the first sync does what the preview said and the checklist folds away. Keyboard only and in
 * bokmål as well; a read token sees it all with the actions disabled.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GoLiveResponse } from "../../shared/api/go-live";
import type { PreviewItemsResponse, PreviewResponse } from "../../shared/api/preview";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";
import { contrastProblems } from "./page-checks";

let stack: Stack;
let page: Page;

/** A PowerOffice customer the shop has twice (by organisation number): the preview cannot guess which. */
const AMBIGUOUS_ORG = "909139090";
/** An archived PowerOffice product with no partner in the shop: skipped, never created. */
const ARCHIVED_SKU = "GAMMEL-STOL";

beforeAll(async () => {
  stack = await startStack({ name: "go-live", firstSync: "preview" });
  stack.po.seed.product({ Code: ARCHIVED_SKU, Name: "Gammel stol (utgått)", UnitPrice: 990, IsArchived: true });
  for (const name of ["Vestkyst Eiendom AS", "Vestkyst Eiendom Bergen"]) {
    stack.shop.seed.customer({ kind: "company", name, organization_number: AMBIGUOUS_ORG, email: null });
  }
  // The worker reads both systems for the preview on its cron; nothing is written.
  await readPreview();
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const dashboard = (attributes = "") =>
  `<main style="max-width: 1040px; margin: 24px auto; padding: 0 16px">
    <poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0" ${attributes}></poweroffice-sync>
  </main>`;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

async function api<T>(path: string): Promise<T> {
  const token = await stack.mint({ scope: "read", ttlSeconds: 60, shiftSeconds: 0 });
  const response = await fetch(`${stack.workerUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const preview = () => api<PreviewResponse>("/api/preview");
const goLive = () => api<GoLiveResponse>("/api/go-live");

/** Fires the cron until the preview has read both systems to the end. */
async function readPreview(): Promise<PreviewResponse> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const current = await preview();
    if (current.state === "ready") return current;
    await stack.cron();
    await new Promise((resolve) => setTimeout(resolve, 800));
  }
  throw new Error(`the preview was not read within a minute:\n${stack.workerLog.slice(-20).join("\n")}`);
}

/** Requests that change something in a simulator (token requests are reads of a kind: they change no books). */
const writes = () => ({
  poweroffice: stack.po.requests.filter((r) => r.method !== "GET" && !/OAuth\/Token$/i.test(r.path)).length,
  webshop: stack.shop.requests.filter((r) => r.method !== "GET").length,
});

const total = (p: PreviewResponse, count: keyof PreviewResponse["dataflows"][number]["counts"]) =>
  p.dataflows.reduce((sum, flow) => sum + flow.counts[count], 0);

const goLiveView = () => page.locator("poweroffice-sync-go-live");
const checklistItem = (id: string) => page.locator(`poweroffice-sync-go-live [data-item="${id}"]`);
const planItems = () => page.locator("poweroffice-sync-go-live .plan-item");
const announcement = () => page.locator("poweroffice-sync-go-live [part=go-live-status]");

async function focusedName(target: Page): Promise<string | null> {
  return target.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    // A select or input is named by its label's text (the label wraps it).
    const label = el.matches("select, input") ? el.closest("label")?.querySelector("span")?.textContent : null;
    return el.getAttribute("aria-label") ?? label ?? el.textContent?.trim() ?? null;
  });
}

/** Presses Tab (Shift+Tab with `back`) until the focused control is named `name`; fails after `limit` presses. */
async function tabTo(name: string | RegExp, { limit = 150, back = false } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const focused = await focusedName(page);
    if (focused !== null && (typeof name === "string" ? focused === name : name.test(focused))) return;
  }
  throw new Error(`Tab never reached "${name}" (now on "${await focusedName(page)}")`);
}

describe("before Start syncing", () => {
  test("the dashboard shows the checklist and what the first sync would do, in counts per dataflow", async () => {
    const read = await preview();
    expect(read.state).toBe("ready");
    expect(writes()).toEqual({ poweroffice: 0, webshop: 0 });

    await page.goto(stack.page({ body: dashboard('lang="en"') }));
    await goLiveView().getByRole("heading", { name: "Preview of the first sync" }).waitFor();
    expect(await goLiveView().getByRole("heading", { name: "Going live" }).count()).toBe(1);
    // The seeded data gives every kind of item.
    for (const count of ["link", "createInPowerOffice", "createInWebshop", "ambiguous", "skip"] as const) {
      expect(total(read, count), count).toBeGreaterThan(0);
    }
    for (const flow of read.dataflows) {
      const row = goLiveView().locator(`.preview-counts tr[data-dataflow="${flow.dataflow}"]`);
      const cell = async (action: string) => (await row.locator(`td[data-action=${action}]`).textContent())?.trim();
      expect(await cell("link")).toBe(String(flow.counts.link));
      expect(await cell("create-in-poweroffice")).toBe(String(flow.counts.createInPowerOffice));
      expect(await cell("create-in-webshop")).toBe(String(flow.counts.createInWebshop));
      expect(await cell("ambiguous")).toBe(String(flow.counts.ambiguous));
      expect(await cell("skip")).toBe(String(flow.counts.skip));
    }
    const item = checklistItem("preview-reviewed");
    expect(await item.getAttribute("data-ready")).toBe("false");
    expect(await item.textContent()).toContain('Press "Show the plan" below');
    expect(await checklistItem("syncing").textContent()).toContain("Start syncing");
    expect(await contrastProblems(page, "poweroffice-sync")).toEqual([]);
    await shot("go-live-preview-en");
  });

  test("the plan is paged, filtered and searched; opening it marks the preview reviewed", async () => {
    await goLiveView().getByRole("button", { name: "Show the plan" }).click();
    await expect.poll(() => planItems().count()).toBeGreaterThan(0);
    expect(await planItems().count()).toBeLessThanOrEqual(25);
    await expect.poll(async () => (await preview()).reviewedAt).not.toBeNull();
    await expect.poll(() => checklistItem("preview-reviewed").getAttribute("data-ready")).toBe("true");

    // A count opens the plan at that dataflow and action.
    await goLiveView()
      .locator('.preview-counts tr[data-dataflow="customers"] td[data-action=ambiguous] button')
      .click();
    await expect.poll(() => goLiveView().locator("select[name=action]").inputValue()).toBe("ambiguous");
    await expect
      .poll(async () => new Set(await planItems().evaluateAll((els) => els.map((e) => e.dataset.action))))
      .toEqual(new Set(["ambiguous"]));
    // The PowerOffice customer, with its two possible partners in the shop.
    const vestkyst = planItems().filter({ hasText: "faktura@vestkysteiendom.no" }).first();
    expect(await vestkyst.locator('.candidates[data-side="webshop"] li').count()).toBe(2);
    expect(await vestkyst.textContent()).toContain("none is guessed");

    await goLiveView().locator("select[name=action]").selectOption("skip");
    await goLiveView().locator("select[name=dataflow]").selectOption("products");
    await expect.poll(() => planItems().filter({ hasText: ARCHIVED_SKU }).count()).toBe(1);
    expect(await planItems().filter({ hasText: ARCHIVED_SKU }).textContent()).toMatch(/left out \(.+\)/);

    await goLiveView().locator("select[name=dataflow]").selectOption("");
    await goLiveView().locator("select[name=action]").selectOption("");
    await goLiveView().getByRole("searchbox").fill("Fjordbris");
    await goLiveView().getByRole("button", { name: "Search", exact: true }).click();
    await expect
      .poll(async () => {
        const texts = await planItems().allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes("Fjordbris"));
      })
      .toBe(true);

    // Paging: the whole plan, 25 at a time.
    await goLiveView().getByRole("searchbox").fill("");
    await goLiveView().getByRole("button", { name: "Search", exact: true }).click();
    const all = await api<PreviewItemsResponse>("/api/preview/items?limit=100");
    await expect.poll(() => planItems().count()).toBe(Math.min(25, all.data.length));
    if (all.nextCursor || all.data.length > 25) {
      await goLiveView().getByRole("button", { name: "Show more" }).click();
      await expect.poll(() => planItems().count()).toBe(Math.min(50, all.data.length));
    }
    expect(writes()).toEqual({ poweroffice: 0, webshop: 0 });
  });

  test("Download CSV saves every item of the filter as a file", async () => {
    await goLiveView().locator("select[name=action]").selectOption("skip");
    await expect
      .poll(async () => new Set(await planItems().evaluateAll((els) => els.map((e) => e.dataset.action))))
      .toEqual(new Set(["skip"]));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      goLiveView().getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("poweroffice-sync-preview-skip.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    const rows = csv.trim().split(/\r?\n/);
    expect(rows.length - 1).toBe(total(await preview(), "skip"));
    expect(rows[0]).toMatch(/dataflow/i);
    expect(csv).toContain(ARCHIVED_SKU);
    await expect.poll(() => announcement().textContent()).toContain("Saved poweroffice-sync-preview-skip.csv.");
  });

  test("an ambiguous pair is linked by hand from the plan, written nowhere yet", async () => {
    const before = await preview();
    await goLiveView().locator("select[name=action]").selectOption("ambiguous");
    const vestkyst = planItems().filter({ hasText: "faktura@vestkysteiendom.no" }).first();
    await vestkyst.waitFor();
    await shot("go-live-ambiguous-en");
    const candidate = vestkyst.locator('.candidates[data-side="webshop"] li').first();
    const chosen = await candidate.getAttribute("data-candidate");
    await candidate.getByRole("button").click();
    await expect.poll(() => announcement().textContent()).toContain("will be linked when syncing starts.");
    // The pair is linked; the other shop record sharing the key is no longer ambiguous either.
    await expect.poll(async () => total(await preview(), "link")).toBe(total(before, "link") + 1);
    expect(total(await preview(), "ambiguous")).toBeLessThan(total(before, "ambiguous"));
    const linked = await api<PreviewItemsResponse>("/api/preview/items?dataflow=customers&action=link&q=Vestkyst");
    expect(linked.data.some((item) => item.webshop?.id === chosen && item.matchedBy !== null)).toBe(true);
    expect(writes()).toEqual({ poweroffice: 0, webshop: 0 });
  });

  test("the options are saved as they are changed, each explained in a sentence", async () => {
    const options = goLiveView().locator(".preview-options");
    expect(await options.textContent()).toContain("Today's records are left as they are");
    const toPowerOffice = options.locator('[data-dataflow="products"] input[name="products-toPowerOffice"]');
    expect(await toPowerOffice.isChecked()).toBe(true);
    await toPowerOffice.uncheck();
    await expect.poll(async () => (await preview()).options.directions.products.toPowerOffice).toBe(false);
    await expect.poll(() => announcement().textContent()).toContain("Options saved.");
    expect((await preview()).options.scope).toBe("full");
    expect(writes()).toEqual({ poweroffice: 0, webshop: 0 });
  });

  test("a read token sees the preview, with its actions disabled and a sentence why", async () => {
    stack.tokenPlan.scope = "read";
    try {
      const reader = await stack.newPage();
      await reader.goto(stack.page({ body: dashboard('lang="en"') }));
      const view = reader.locator("poweroffice-sync-go-live");
      await view.getByRole("heading", { name: "Preview of the first sync" }).waitFor();
      expect(await view.getByRole("button", { name: "Start syncing" }).isDisabled()).toBe(true);
      expect(await view.locator('input[name="customers-toWebshop"]').isDisabled()).toBe(true);
      expect(await view.locator(".preview").textContent()).toContain("Your access is read-only");
      await reader.close();
    } finally {
      stack.tokenPlan.scope = "write";
    }
  });
});

describe("Start syncing", () => {
  test("with the keyboard alone, in bokmål: the question says what will happen, Escape keeps waiting", async () => {
    await page.goto(stack.page({ lang: "nb", body: dashboard() }));
    const view = goLiveView();
    await view.getByRole("heading", { name: "Forhåndsvisning av første synkronisering" }).waitFor();
    expect(await view.getByRole("heading", { name: "Klar til drift" }).count()).toBe(1);
    expect(await checklistItem("syncing").textContent()).toContain("Ingenting er synkronisert ennå");

    // The plan, by keyboard: open it, filter it.
    await tabTo("Vis planen");
    await page.keyboard.press("Enter");
    await expect.poll(() => planItems().count()).toBeGreaterThan(0);
    await tabTo("Hva skjer");
    await page.keyboard.press("ArrowDown");
    await expect
      .poll(async () => new Set(await planItems().evaluateAll((els) => els.map((e) => e.dataset.action))))
      .toEqual(new Set(["link"]));

    // Start asks first; Escape closes the question and puts the focus back on Start.
    await tabTo("Start synkronisering");
    await page.keyboard.press("Enter");
    const dialog = view.locator("dialog[open]");
    await dialog.waitFor();
    const plan = await preview();
    const question = await dialog.locator(".start-plan").textContent();
    expect(question).toContain(`kobler ${total(plan, "link")} par`);
    expect(question).toContain(`${total(plan, "ambiguous")} tvetydige`);
    expect(await focusedName(page)).toBe("Ikke ennå");
    await shot("go-live-start-question-nb");
    await page.keyboard.press("Escape");
    await expect.poll(() => view.locator("dialog[open]").count()).toBe(0);
    expect(await focusedName(page)).toBe("Start synkronisering");
    expect((await preview()).state).toBe("ready");

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("Start synkronisering");
    // Nothing was written to either system before this press.
    expect(writes()).toEqual({ poweroffice: 0, webshop: 0 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await preview()).state).toBe("started");
    await expect.poll(() => view.locator(".preview").count()).toBe(0);
    await expect.poll(() => announcement().textContent()).toContain("Synkroniseringen startet");
  });

  test("the first sync does what the preview said, and the checklist folds away once everything is ready", async () => {
    const plan = await preview();
    const counts = (dataflow: string) => plan.dataflows.find((f) => f.dataflow === dataflow)!.counts;
    const customers = counts("customers");
    const before = { po: stack.po.count("customers"), shop: stack.shop.count("customers") };
    const poProducts = stack.po.count("products");

    const status = await stack.syncUntilQuiet(90_000);
    expect(stack.po.count("customers")).toBe(before.po + customers.createInPowerOffice);
    // The shop keeps departments as customers of kind "department".
    expect(stack.shop.count("customers")).toBe(
      before.shop + customers.createInWebshop + counts("departments").createInWebshop,
    );
    // Products shop → PowerOffice was switched off: no shop product reached PowerOffice.
    expect(stack.po.count("products")).toBe(poProducts);
    const linked = status.dataflows.find((f) => f.dataflow === "customers")!.counts.linked;
    expect(linked).toBe(customers.link + customers.createInPowerOffice + customers.createInWebshop);

    // A signed webhook from the shop: the last item that waited.
    const shopCustomer = stack.shop.list("customers")[0]!;
    stack.shop.edit("customers", shopCustomer.id, { phone: "+47 900 00 001" });
    await stack.shop.webhooks.flush();
    await expect.poll(async () => (await goLive()).live, { timeout: 60_000, interval: 2_000 }).toBe(true);

    await page.goto(stack.page({ body: dashboard('lang="en"') }));
    await page.locator("poweroffice-sync .card").first().waitFor();
    await page.waitForTimeout(500);
    expect(await goLiveView().count()).toBe(0);
    // Live: PowerOffice's connection is widget.js's own line, and go-live.js is never loaded.
    expect(await page.locator("poweroffice-sync [part=connected]").textContent()).toMatch(/Connected to .* · /);
    expect(await page.getByText("Connected with a client key set as a secret").count()).toBe(1);
    const lazy = await page.evaluate(() =>
      ["poweroffice-sync-go-live", "poweroffice-sync-connection"].filter((tag) => customElements.get(tag)),
    );
    expect(lazy).toEqual([]);
    const card = page.getByRole("article", { name: "Customers" });
    expect(await card.locator(".count[data-state=linked] dd").textContent()).toBe(String(linked));
    await shot("go-live-done-en");
  });
});
