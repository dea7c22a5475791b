/**
 * The local demo end to end, as a person following the README would use it: `npm start`'s pieces (startDemo) on free
 * ports, then Chromium edits a customer's phone in the PowerOffice view and a product's name in the webshop view,
 * runs the sync, and sees each change on the other side and the records linked in the widget. Also runs the token
 * recipes of docs/widget.md against the demo's worker. Screenshots go to test-results/screenshots/demo-*.png.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatusResponse } from "../../shared/api";
import { type RunningDemo, startDemo } from "../sandbox/start-demo";
import { eventually, freePortBase, markdownSnippet } from "../sandbox/test-support";
import { mintWidgetToken } from "../sandbox/widget-token";
import { launchChromium } from "./chromium";

const SCREENSHOTS = "test-results/screenshots";
const NEW_PHONE = "+47 55 30 99 99";
const NEW_PRODUCT_NAME = "LED-skrivebordslampe i messing";

let demo: RunningDemo | undefined;
let browser: Browser | undefined;
const demoLog: string[] = [];

function running(): RunningDemo {
  if (!demo) throw new Error("the demo did not start");
  return demo;
}

/** /api/status as the widget gets it, with a token from the demo's own minting code. */
async function status(): Promise<StatusResponse> {
  const d = running();
  const { token } = mintWidgetToken(d.vars.WIDGET_TOKEN_SECRET, { scope: "read", lifetimeSeconds: 60 });
  const response = await fetch(`${d.urls.worker}/api/status`, {
    headers: { Authorization: `Bearer ${token}`, Origin: d.vars.ADMIN_ORIGINS },
  });
  if (!response.ok) throw new Error(`/api/status answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as StatusResponse;
}

let lastStatus: StatusResponse | undefined;

/**
 * Customers and products have finished their first full sync and nothing of theirs waits: the walkthrough's starting
 * point. Orders are not waited for: an order whose customer was created from the shop waits for the engine's
 * dependency recheck (a minute), which the walkthrough does not touch.
 */
async function settled(): Promise<StatusResponse | undefined> {
  lastStatus = await status();
  const ready = lastStatus.dataflows
    .filter((flow) => flow.dataflow === "customers" || flow.dataflow === "products")
    .every((flow) => flow.backfill.complete && flow.backlog === 0);
  return ready ? lastStatus : undefined;
}

/** What went on, for a failure's message: the sync's numbers and the end of the demo's log. */
function context(): string {
  const flows = lastStatus?.dataflows.map(
    (f) => `${f.dataflow} ${JSON.stringify(f.counts)} backlog ${f.backlog} backfill ${JSON.stringify(f.backfill)}`,
  );
  return `\n${flows?.join("\n") ?? "no status read"}\n--- demo log ---\n${demoLog.slice(-40).join("\n")}`;
}

async function newPage(): Promise<Page> {
  if (!browser) throw new Error("Chromium did not start");
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => demoLog.push(`[pageerror] ${error.message}`));
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `demo-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startDemo({
    portBase: await freePortBase(),
    cronEveryMs: 0,
    stateDir: "test-results/wrangler/demo",
    log: (line) => demoLog.push(line),
  });
  browser = await launchChromium();
  // The first full sync (matching both sides' records) must be over before the edits, as a person would find it.
  await eventually("the first full sync", settled, {
    timeoutMs: 120_000,
    intervalMs: 2000,
    between: async () => void (await running().runSync()),
  }).catch((error) => {
    throw new Error(`${error instanceof Error ? error.message : error}${context()}`);
  });
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await demo?.stop();
});

describe("the demo (npm start)", () => {
  it("carries an edit in the PowerOffice view and one in the webshop view to the other side, shown linked in the widget", async () => {
    const d = running();
    const page = await newPage();
    try {
      // PowerOffice view: change Fjordbris's phone as a PowerOffice user.
      await page.goto(d.urls.powerofficeView);
      await page.getByRole("link", { name: "Fjordbris Interiør AS" }).click();
      await page.waitForURL(/\/poweroffice\/customers\/\d+$/);
      await page.getByLabel("Phone", { exact: true }).fill(NEW_PHONE);
      await page.getByRole("button", { name: "Save in PowerOffice" }).click();
      await page.waitForURL(/saved=/);
      expect(await page.locator(".notice").textContent()).toContain("Saved in PowerOffice: Phone");
      await shot(page, "poweroffice-edit");

      // Webshop view: rename the LED lamp as a shop admin (the shop sends its webhook to the worker).
      await page.goto(d.urls.shopView);
      await page.getByRole("link", { name: "LED-skrivebordslampe" }).click();
      await page.waitForURL(/\/shop\/products\//);
      const productPage = page.url();
      await page.getByLabel("Name", { exact: true }).fill(NEW_PRODUCT_NAME);
      await page.getByRole("button", { name: "Save in the webshop" }).click();
      await page.waitForURL(/saved=/);
      expect(await page.locator(".notice").textContent()).toContain("Saved in the webshop: Name");

      // PowerOffice has no webhooks: "Run sync now" fires the cron that reads its change feed.
      await page.getByRole("button", { name: "Run sync now" }).click();
      await page.waitForURL(/synced=/);
      expect(await page.locator(".notice").textContent()).toContain("Sync ran");

      // The phone arrives in the shop (cron) and the name in PowerOffice (webhook → queue), each seen in the
      // admin view of the other system. Queued work settles within seconds; a further run does no harm.
      const runAgain = async () => void (await d.runSync());
      await eventually(
        "the new phone in the webshop view",
        async () => {
          await page.goto(d.urls.shopView);
          const customers = page.getByRole("table", { name: /^Customers/ });
          const row = await customers.getByRole("row", { name: /Fjordbris Interiør AS/ }).textContent();
          return row?.includes(NEW_PHONE) ? row : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 1000, between: runAgain },
      );
      await shot(page, "shop-view-after-sync");
      await eventually(
        "the new product name in the PowerOffice view",
        async () => {
          await page.goto(d.urls.powerofficeView);
          const products = page.getByRole("table", { name: /^Products/ });
          const row = await products.getByRole("row", { name: /LAMPE-LED/ }).textContent();
          return row?.includes(NEW_PRODUCT_NAME) ? row : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 1000 },
      );
      await shot(page, "poweroffice-view-after-sync");
      // And in the simulators themselves, not only in the pages about them.
      expect(d.shop.list("customers").find((c) => c.name === "Fjordbris Interiør AS")?.phone).toBe(NEW_PHONE);
      expect(d.sim.list("products").find((p) => p.Code === "LAMPE-LED")?.Name).toBe(NEW_PRODUCT_NAME);

      // The record widget on the product's page and on the customer's page: linked, with PowerOffice's id.
      for (const [url, name] of [
        [productPage, "record-product"],
        [
          `${d.urls.shopView}/customers/${d.shop.list("customers").find((c) => c.name === "Fjordbris Interiør AS")?.id}`,
          "record-customer",
        ],
      ] as const) {
        await page.goto(url);
        const widget = page.locator('poweroffice-sync-record [part~="root"]');
        await eventually(
          `the record widget on ${url} showing Linked`,
          async () => ((await widget.textContent()) ?? "").match(/Linked/) ?? undefined,
          { timeoutMs: 15_000 },
        ).catch(async (error) => {
          await shot(page, `${name}-failed`);
          throw new Error(
            `${error instanceof Error ? error.message : error}\nwidget shows: ${await widget.textContent().catch(() => "?")}\n${demoLog.slice(-20).join("\n")}`,
          );
        });
        expect(await widget.textContent()).toMatch(/PowerOffice/);
        await shot(page, name);
      }

      // The header's language link sets the page's lang, and the widget follows it.
      await page.getByRole("link", { name: "Norsk (bokmål)" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "nb");
      expect(await page.locator("html").getAttribute("lang")).toBe("nb");
      await eventually(
        "the record widget in Norwegian",
        async () =>
          ((await page.locator('poweroffice-sync-record [part~="root"]').textContent()) ?? "").match(/Koblet/) ??
          undefined,
        { timeoutMs: 15_000 },
      );
      await shot(page, "record-customer-nb");
      await page.getByRole("link", { name: "English" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "en");

      // The dashboard: the four dataflows, with nothing left to do after the edits.
      await page.goto(d.urls.dashboard);
      const dashboard = page.locator('poweroffice-sync [part~="root"]');
      await eventually(
        "the dashboard listing the dataflows",
        async () => {
          const text = (await dashboard.textContent().catch(() => "")) ?? "";
          return ["Customers", "Departments", "Products", "Orders"].every((flow) => text.includes(flow))
            ? text
            : undefined;
        },
        { timeoutMs: 15_000 },
      );
      await shot(page, "dashboard");

      // An order page with the record widget (the "order page"): it loads and shows a state.
      await page.goto(d.urls.orderPage);
      await eventually(
        "the order's record widget",
        async () =>
          ((await page.locator('poweroffice-sync-record [part~="root"]').textContent()) || "").match(
            /Linked|Pending|Not linked|Error/,
          ) ?? undefined,
        { timeoutMs: 15_000 },
      );
      await shot(page, "order-page");
      expect(demoLog.filter((line) => line.startsWith("[pageerror]"))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("shows /health both ways: ok and the version to anyone, the details to a widget token", async () => {
    const d = running();
    const open = await fetch(d.urls.health);
    expect(open.status).toBe(200);
    expect(Object.keys((await open.json()) as object).sort()).toEqual(["ok", "version"]);
    const { token } = mintWidgetToken(d.vars.WIDGET_TOKEN_SECRET, { scope: "read", lifetimeSeconds: 60 });
    const detailed = await fetch(d.urls.health, { headers: { Authorization: `Bearer ${token}` } });
    expect(detailed.status).toBe(200);
    const details = (await detailed.json()) as { schema: { state: string }; dataflows: unknown[]; deadLetters: number };
    expect(details.schema.state).toBe("current");
    expect(details.dataflows).toHaveLength(4);
    expect(details.deadLetters).toBe(0);
    // The demo prints both when it starts.
    expect(demoLog.some((line) => line.includes("health (public)"))).toBe(true);
    expect(demoLog.some((line) => line.includes("health (widget token)") && line.includes('"schema"'))).toBe(true);
  });

  it("accepts tokens minted with docs/widget.md's Node and PHP recipes, and refuses one signed with another secret", async () => {
    const d = running();
    const apiStatus = (token: string) =>
      fetch(`${d.urls.worker}/api/status`, {
        headers: { Authorization: `Bearer ${token}`, Origin: d.vars.ADMIN_ORIGINS },
      });
    const dir = mkdtempSync(join(tmpdir(), "widget-docs-"));
    try {
      // The Node recipe, exactly as the docs print it.
      const nodeFile = join(dir, "mint.mjs");
      writeFileSync(nodeFile, markdownSnippet("docs/widget.md", "node-mint"));
      const { mintWidgetToken: docsMint } = (await import(pathToFileURL(nodeFile).href)) as {
        mintWidgetToken: (secret: string, options?: { scope?: string; sub?: string }) => string;
      };
      const token = docsMint(d.vars.WIDGET_TOKEN_SECRET, { scope: "write", sub: "docs-admin" });
      const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as Record<
        string,
        unknown
      >;
      expect(claims).toMatchObject({ aud: "poweroffice-sync-widget", scope: "write", sub: "docs-admin" });
      expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
      expect((await apiStatus(token)).status).toBe(200);

      const forged = docsMint("another-secret-0123456789abcdef0123456789", { scope: "write" });
      const refused = await apiStatus(forged);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("token_bad_signature");

      // The PHP recipe, where PHP is installed (CI images without it skip this half).
      if (hasPhp()) {
        const phpFile = join(dir, "mint.php");
        writeFileSync(
          phpFile,
          `${markdownSnippet("docs/widget.md", "php-mint")}\necho mint_widget_token($argv[1], 'read', 'php-admin');\n`,
        );
        const phpToken = execFileSync("php", [phpFile, d.vars.WIDGET_TOKEN_SECRET], { encoding: "utf8" }).trim();
        expect((await apiStatus(phpToken)).status).toBe(200);
        // Its scope is read: an action is refused for scope, which shows the worker read the claims PHP wrote.
        const push = await fetch(`${d.urls.worker}/api/push`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${phpToken}`,
            Origin: d.vars.ADMIN_ORIGINS,
            "Content-Type": "application/json",
            "Idempotency-Key": "docs-php-read-scope",
          },
          body: JSON.stringify({ resource: "products", id: "prd_000001" }),
        });
        expect(push.status).toBe(403);
        expect(((await push.json()) as { error: { code: string } }).error.code).toBe("scope_insufficient");
      } else {
        console.warn("php is not installed: the PHP token recipe was not run");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function hasPhp(): boolean {
  try {
    execFileSync("php", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
