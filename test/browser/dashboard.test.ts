/**
 * <poweroffice-sync> in Chromium against the real worker and both simulators: what an admin sees before and after
 * the first sync, in English and bokmål, pausing a direction by keyboard, a failure in words with its action,
 * contrast, theming, and that no CSS crosses the shadow root either way. Also /widget.js as the worker serves it.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BROWSER_TEST_SECRETS, SCREENSHOT_DIR, type Stack, startStack } from "./harness";
import { contrastProblems, innerStyles, pageStyles } from "./page-checks";

let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ name: "dashboard" });
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const dashboard = (attributes = "") =>
  `<main style="max-width: 1040px; margin: 24px auto; padding: 0 16px">
    <poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0" ${attributes}></poweroffice-sync>
  </main>`;

const shot = (name: string, target: Page = page) =>
  target.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

const card = (name: string) => page.getByRole("article", { name });

describe("/widget.js", () => {
  test("is served by the worker as one cacheable ES module, with CORS, and holds no secret", async () => {
    const response = await fetch(`${stack.workerUrl}/widget.js`, { headers: { Origin: "https://elsewhere.example" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("etag")).toBeTruthy();
    const code = await response.text();
    expect(code).toMatch(/customElements\.define/);
    expect(code).not.toMatch(/^\s*import\s/m); // one file: no imports left to fetch
    for (const [name, value] of Object.entries(BROWSER_TEST_SECRETS)) {
      expect(code, name).not.toContain(value);
      expect(code, name).not.toContain(name);
    }
    expect(code).not.toMatch(/whsec_/);
  });
});

describe("before the first run", () => {
  test("says it is loading, then shows every dataflow waiting for its first run", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(
      "**/api/status",
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Loading…" }).count()).toBe(1);
    await shot("dashboard-loading");
    release();

    await expect.poll(() => page.getByRole("article").count()).toBe(4);
    await expect
      .poll(() => card("Customers").getByRole("progressbar").getAttribute("aria-valuetext"))
      .toBe("Waiting for the first run");
    // No value before anything was counted: an indeterminate bar, not a bar stuck at 0 %.
    expect(await card("Customers").getByRole("progressbar").getAttribute("aria-valuenow")).toBeNull();
    expect(await page.getByText("Nothing needs attention.").isVisible()).toBe(true);
    expect(await page.getByText("Nothing has happened yet.").isVisible()).toBe(true);
    await shot("dashboard-before-first-run");
  });
});

describe("after the first sync", () => {
  test("shows the counts by state and full progress bars per dataflow", async () => {
    const status = await stack.syncUntilQuiet();
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe("PowerOffice sync");
    for (const flow of status.dataflows) {
      const name = { customers: "Customers", departments: "Departments", products: "Products", orders: "Orders" }[
        flow.dataflow
      ];
      await expect
        .poll(() => card(name).locator(".count[data-state=linked] dd").textContent())
        .toBe(String(flow.counts.linked));
      const bar = card(name).getByRole("progressbar", { name: "First sync" });
      expect(await bar.getAttribute("aria-valuenow")).toBe(String(flow.backfill.done));
      expect(await bar.getAttribute("aria-valuemax")).toBe(String(flow.backfill.total));
    }
    const customers = status.dataflows.find((f) => f.dataflow === "customers")!;
    expect(customers.counts.linked).toBeGreaterThanOrEqual(5);
    expect(await card("Customers").locator(".count[data-state=linked] dt").textContent()).toContain("Linked");
    expect(
      await card("Customers").getByRole("progressbar", { name: "First sync" }).getAttribute("aria-valuetext"),
    ).toBe("First sync complete");
    // The activity log names what the sync did.
    expect(await page.locator("poweroffice-sync .activity-item").count()).toBeGreaterThan(0);
    expect(await page.locator("poweroffice-sync .activity").textContent()).toMatch(/Created|Linked|Matched/);
    expect(await contrastProblems(page, "poweroffice-sync")).toEqual([]);
    await shot("dashboard-synced-en");
  });

  test("speaks bokmål on a page in Norwegian, and English where the element says so", async () => {
    await page.goto(stack.page({ lang: "no", body: dashboard() }));
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe("PowerOffice-synkronisering");
    await expect.poll(() => page.getByRole("heading", { level: 3, name: "Trenger oppmerksomhet" }).count()).toBe(1);
    const kunder = page.getByRole("article", { name: "Kunder" });
    expect(await kunder.locator(".count[data-state=linked] dt").textContent()).toContain("Koblet");
    expect(await kunder.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(
      "Første synkronisering er ferdig",
    );
    expect(await kunder.getByRole("button", { name: "Sett PowerOffice → nettbutikk på pause" }).count()).toBe(1);
    await shot("dashboard-nb");

    await page.goto(stack.page({ lang: "nb", body: dashboard('lang="en"') }));
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe("PowerOffice sync");
  });

  test("pauses and resumes a direction with the keyboard alone", async () => {
    await page.goto(stack.page({ body: dashboard() }));
    const pause = card("Customers").getByRole("button", { name: "Pause PowerOffice → webshop" });
    await pause.waitFor();
    // Until the sync is live the go-live checklist sits between the header and the cards: wait until it is in.
    await page.waitForLoadState("networkidle");
    // Tab order follows reading order: Reload first, then the checklist's controls (while it is shown), then the
    // first card's switches.
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("Reload");
    for (let i = 0; i < 20 && (await focusedName(page)) !== "Pause PowerOffice → webshop"; i++) {
      await page.keyboard.press("Tab");
      if ((await focusedName(page)) !== "Pause PowerOffice → webshop") expect(await focusedInGoLive(page)).toBe(true);
    }
    expect(await focusedName(page)).toBe("Pause PowerOffice → webshop");
    await page.keyboard.press("Enter");

    const announcement = page.locator("poweroffice-sync [part=status]");
    await expect.poll(() => announcement.textContent()).toContain("PowerOffice → webshop: Paused.");
    const direction = card("Customers").locator("[data-direction=poweroffice-to-webshop]");
    await expect.poll(() => direction.locator(".badge").textContent()).toContain("Paused");
    const status = await stack.status();
    const customers = status.dataflows.find((f) => f.dataflow === "customers")!;
    expect(customers.directions.find((d) => d.direction === "poweroffice-to-webshop")?.paused).toBe(true);
    await shot("dashboard-paused");

    // Focus stays on the switch, which now resumes; Space presses it too.
    expect(await focusedName(page)).toBe("Resume PowerOffice → webshop");
    await page.keyboard.press(" ");
    await expect.poll(() => direction.locator(".badge").textContent()).toContain("Running");
    const after = (await stack.status()).dataflows.find((f) => f.dataflow === "customers")!;
    expect(after.directions.every((d) => !d.paused)).toBe(true);
  });

  test("lists a failed record in words with its action, and the action fixes it", async () => {
    const ordersBefore = stack.po.count("salesOrders");
    stack.shop.seed.order({ customer_id: "cus_000001" });
    // PowerOffice refuses every new sales order for now.
    stack.po.faults.add({
      kind: "status",
      status: 400,
      method: "POST",
      path: "/SalesOrders/Complete",
      times: Infinity,
    });
    await stack.cron();
    await expect.poll(async () => (await stack.status()).attention.errors, { timeout: 15_000 }).toBe(1);

    await page.goto(stack.page({ body: dashboard() }));
    const item = page.locator("poweroffice-sync .attention-item").first();
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain("Error");
    expect(text).toContain("Orders");
    expect(text).toMatch(/PowerOffice/);
    expect(text).toMatch(/400|refused|rejected|invalid/i);
    const action = item.getByRole("button", { name: /^(Retry|Replay): / });
    expect(await action.count()).toBe(1);
    await shot("dashboard-needs-attention");

    stack.po.faults.clear();
    await action.click();
    const announcement = page.locator("poweroffice-sync [part=status]");
    await expect.poll(() => announcement.textContent(), { timeout: 15_000 }).toContain("State: Linked");
    await expect.poll(() => page.getByText("Nothing needs attention.").count()).toBe(1);
    expect(stack.po.count("salesOrders")).toBe(ordersBefore + 1);
    expect((await stack.status()).attention.errors).toBe(0);
  });
});

describe("CSS isolation and theming", () => {
  const outside = `<h2 id="page-heading">Orders</h2><p id="page-text">Shop text</p><button id="page-button">Save</button>`;
  const HOSTILE = `
    * { font-family: "Comic Sans MS", cursive !important; color: #ff00ff !important; letter-spacing: 4px !important;
        text-transform: uppercase !important; line-height: 3 !important; }
    html { font-size: 30px; }
    body { background: #222; font-size: 22px; }
    h2, h3, h4, p, li, dt, dd, span, section, article, header, div { margin: 30px !important; padding: 20px !important;
        border: 5px dashed lime !important; background: yellow !important; }
    button { background: hotpink !important; font-size: 40px !important; border-radius: 0 !important; }
    .card, .badge, .root, [part] { display: none !important; }`;
  const INNER = ["h2", "h3", ".card", ".count dt", ".badge", "button", ".activity-item p", ".root"];

  test("the page's CSS does not change the widget, and the widget's CSS does not change the page", async () => {
    await page.goto(stack.page({ body: outside + dashboard() }));
    await page.locator("poweroffice-sync .card").first().waitFor();
    const insideClean = await innerStyles(page, "poweroffice-sync", INNER);
    const outsideWithWidget = await pageStyles(page, ["#page-heading", "#page-text", "#page-button"]);

    await page.goto(stack.page({ body: outside }));
    const outsideAlone = await pageStyles(page, ["#page-heading", "#page-text", "#page-button"]);
    expect(outsideWithWidget).toEqual(outsideAlone);

    await page.goto(stack.page({ body: outside + dashboard(), css: HOSTILE }));
    await page.locator("poweroffice-sync .card").first().waitFor();
    expect(await innerStyles(page, "poweroffice-sync", INNER)).toEqual(insideClean);
    expect(await page.locator("poweroffice-sync .card").first().isVisible()).toBe(true);
    await shot("dashboard-hostile-page-css");
  });

  test("custom properties and ::part restyle it", async () => {
    const theme = `
      poweroffice-sync { --poweroffice-sync-accent: #6b21a8; --poweroffice-sync-font: Georgia, serif;
                         --poweroffice-sync-radius: 2px; }
      poweroffice-sync::part(dataflow) { border-color: #6b21a8; border-width: 2px; }`;
    await page.goto(stack.page({ body: dashboard(), css: theme }));
    await page.locator("poweroffice-sync .card").first().waitFor();
    const styles = await innerStyles(page, "poweroffice-sync", [".root", ".card", ".progress-bar"]);
    expect(styles[".root"]?.["font-family"]).toBe("Georgia, serif");
    expect(styles[".card"]?.["border-top-color"]).toBe("rgb(107, 33, 168)");
    expect(styles[".card"]?.["border-top-width"]).toBe("2px");
    expect(await contrastProblems(page, "poweroffice-sync")).toEqual([]);
    await shot("dashboard-themed");
  });
});

/** Whether the focus is inside the go-live views (the checklist shown until the sync is live). */
async function focusedInGoLive(target: Page): Promise<boolean> {
  return target.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) {
      if (el.localName === "poweroffice-sync-go-live") return true;
      el = el.shadowRoot.activeElement;
    }
    return false;
  });
}

async function focusedName(target: Page): Promise<string | null> {
  return target.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? (el.getAttribute("aria-label") ?? el.textContent?.trim() ?? null) : null;
  });
}
