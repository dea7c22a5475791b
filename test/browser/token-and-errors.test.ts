/**
 * How the widget gets its token and what it says when something is wrong, in Chromium against the real worker:
 * the token request at start, the `token` property, an expired token renewed through the host and the request
 * retried once, no token at all, a read-only token, an answer it does not understand, an unreachable worker, and
 * requests aborted when the element leaves the page.
 */
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";

let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ name: "token" });
});
afterAll(async () => stack?.close());
beforeEach(async () => {
  // The previous test's stubbed routes may still be answering: end them before its page goes.
  if (page) {
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.context().close();
  }
  stack.tokenPlan = { scope: "write", ttlSeconds: 300, shiftSeconds: 0 };
  page = await stack.newPage();
});

const dashboard = () =>
  `<main style="max-width: 1040px; margin: 24px auto"><poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0"></poweroffice-sync></main>`;
const shot = (name: string) => page.locator("main").screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
const tokenRequests = () => page.evaluate(() => (window as unknown as { tokenRequests: string[] }).tokenRequests);
const loaded = () => page.getByRole("article", { name: "Customers" }).waitFor();
const alert = () => page.locator("poweroffice-sync [role=alert], poweroffice-sync-record [role=alert]").first();

function statusAnswers(target: Page): number[] {
  const statuses: number[] = [];
  target.on("response", (response: Response) => {
    if (new URL(response.url()).pathname === "/api/status" && response.request().method() === "GET") {
      statuses.push(response.status());
    }
  });
  return statuses;
}

test("asks its host for a token at start; a `token` property set before it loaded needs no asking", async () => {
  await page.goto(stack.page({ body: dashboard() }));
  await loaded();
  expect(await tokenRequests()).toEqual(["start"]);

  const token = await stack.mint();
  await page.goto(
    stack.page({
      body: dashboard(),
      answerTokenRequests: false,
      script: `document.querySelector("poweroffice-sync").token = ${JSON.stringify(token)};`,
    }),
  );
  await loaded();
  expect(await tokenRequests()).toEqual([]);
  // The token is held in memory only: no attribute, nothing in storage.
  expect(await page.locator("poweroffice-sync").getAttribute("token")).toBeNull();
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  const rendered = await page.evaluate(() => document.querySelector("poweroffice-sync")?.shadowRoot?.innerHTML ?? "");
  expect(rendered).not.toContain(token);
  expect(await page.evaluate(() => document.cookie)).toBe("");
});

test("a token the worker calls expired: the widget asks its host for a new one and retries the request once", async () => {
  // The browser's clock runs 10 minutes behind the worker's, so the widget cannot see that the token it holds has
  // run out: only the worker's 401 token_expired can tell it.
  await page.clock.setFixedTime(Date.now() - 10 * 60_000);
  const expired = await stack.mint({ shiftSeconds: -400 });
  const answers = statusAnswers(page);
  await page.goto(
    stack.page({
      body: dashboard(),
      script: `document.querySelector("poweroffice-sync").token = ${JSON.stringify(expired)};`,
    }),
  );
  await loaded();
  expect(answers).toEqual([401, 200]);
  expect(await tokenRequests()).toEqual(["expired"]);
});

test("a token it can see has run out is renewed before it is sent", async () => {
  const expired = await stack.mint({ shiftSeconds: -400 });
  const answers = statusAnswers(page);
  await page.goto(
    stack.page({
      body: dashboard(),
      script: `document.querySelector("poweroffice-sync").token = ${JSON.stringify(expired)};`,
    }),
  );
  await loaded();
  expect(answers).toEqual([200]);
  expect(await tokenRequests()).toEqual(["expired"]);
});

test("no token from the page: says so in words", async () => {
  await page.clock.install();
  await page.goto(stack.page({ body: dashboard(), answerTokenRequests: false }));
  await expect.poll(() => tokenRequests()).toEqual(["start"]);
  await page.clock.runFor(11_000);
  await expect.poll(() => alert().textContent()).toContain("The page gave the widget no access token");
  await shot("error-no-token");
});

test("a read-only token: a push is refused, in words", async () => {
  stack.tokenPlan.scope = "read";
  await page.goto(
    stack.page({
      body: `<main style="max-width: 560px; margin: 24px"><poweroffice-sync-record api-base="${stack.workerUrl}" resource="orders" record-id="ord_000001" refresh-seconds="0"></poweroffice-sync-record></main>`,
    }),
  );
  const push = page.getByRole("button", { name: "Push to PowerOffice" });
  await push.click();
  const outcome = page.locator("poweroffice-sync-record").getByRole("status");
  await expect.poll(() => outcome.textContent()).toMatch(/^That did not work: .*\bwrite\b/);
  await shot("error-read-only-token");
});

test("an answer it does not understand is named in words, not a crash", async () => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.route("**/api/status", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { dataflows: Array<Record<string, unknown>> };
    delete body.dataflows[0]!.counts;
    await route.fulfill({ response, json: body });
  });
  await page.goto(stack.page({ body: dashboard() }));
  await expect
    .poll(() => alert().textContent())
    .toContain(
      "The sync worker answered something this widget does not understand (status.dataflows[0].counts): please update the widget.",
    );
  expect(errors).toEqual([]);
  await shot("error-unreadable-answer");

  await page.goto(stack.page({ lang: "nb", body: dashboard() }));
  await expect.poll(() => alert().textContent()).toContain("(status.dataflows[0].counts): oppdater widgeten");
});

test("an unreachable worker is said in words", async () => {
  await page.goto(
    stack.page({
      body: `<main style="max-width: 1040px; margin: 24px auto"><poweroffice-sync api-base="http://127.0.0.1:9" refresh-seconds="0"></poweroffice-sync></main>`,
    }),
  );
  await expect.poll(() => alert().textContent()).toContain("The sync worker could not be reached");
  await shot("error-unreachable");
});

test("a request in flight is aborted when the element leaves the page", async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached!: () => void;
  const inFlight = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const aborted: string[] = [];
  page.on("requestfailed", (request) =>
    aborted.push(`${new URL(request.url()).pathname} ${request.failure()?.errorText}`),
  );
  await page.route("**/api/status", async (route) => {
    reached();
    await held;
    await route.continue().catch(() => {});
  });
  await page.goto(stack.page({ body: dashboard() }));
  await inFlight;
  await page.evaluate(() => document.querySelector("poweroffice-sync")?.remove());
  await expect.poll(() => aborted).toContain("/api/status net::ERR_ABORTED");
  // The dashboard's other load, whether the sync is live yet (GET /api/go-live), goes with it if it was still running.
  expect(aborted.filter((a) => a !== "/api/go-live net::ERR_ABORTED")).toEqual(["/api/status net::ERR_ABORTED"]);
  release();
});

test("a braked dataflow is a warning in words with Release; a dead letter offers Replay (answers stubbed)", async () => {
  // Tripping the mass-change brake or using up a record's attempts takes many real runs; the worker's routes for
  // both have their own tests, so here the browser gets those states and the test reads what the widget sends.
  await page.route("**/api/status", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as {
      dataflows: Array<{ dataflow: string; brake: unknown }>;
      attention: { errors: number; deadLetters: number };
    };
    body.dataflows.find((f) => f.dataflow === "products")!.brake = {
      since: new Date().toISOString(),
      message: "30 products would change in one run (the limit is 25); check them, then release the brake.",
    };
    body.attention.errors = 1;
    body.attention.deadLetters = 1;
    await route.fulfill({ response, json: body });
  });
  await page.route("**/api/records?*", (route) =>
    route.fulfill({
      json: {
        data: [
          {
            linkId: 7,
            dataflow: "products",
            state: "error",
            ids: { poweroffice: "3870104", webshop: null },
            label: "Ergonomisk kontorstol",
            powerofficeNumber: "STOL-ERGO",
            lastError: {
              code: "webshop_validation",
              message: "The webshop refused the product: sku is taken.",
              side: "webshop",
            },
            attempts: 8,
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
  const posted: string[] = [];
  await page.route("**/api/dataflows/products/brake/release", async (route) => {
    posted.push(new URL(route.request().url()).pathname);
    await route.fulfill({ json: { dataflow: "products", message: "The brake is released for an hour." } });
  });
  await page.route("**/api/records/7/replay", async (route) => {
    posted.push(new URL(route.request().url()).pathname);
    await route.fulfill({ json: { linkId: 7, state: "linked", message: null, record: null } });
  });

  await page.goto(stack.page({ body: dashboard() }));
  const products = page.getByRole("article", { name: "Products" });
  const warning = products.getByRole("alert");
  await expect.poll(() => warning.textContent()).toContain("Stopped by the safety brake: 30 products would change");
  const item = page.locator("poweroffice-sync .attention-item");
  expect(await item.textContent()).toContain("Gave up after repeated failures");
  expect(await item.textContent()).toContain("The webshop refused the product: sku is taken.");
  await shot("dashboard-brake-and-dead-letter");

  await warning.getByRole("button", { name: "Release" }).click();
  const announcement = page.locator("poweroffice-sync [part=status]");
  await expect.poll(() => announcement.textContent()).toContain("The brake is released for an hour.");
  await page.getByRole("button", { name: "Replay: Ergonomisk kontorstol" }).click();
  await expect.poll(() => announcement.textContent()).toContain("Done. State: Linked.");
  expect(posted).toEqual(["/api/dataflows/products/brake/release", "/api/records/7/replay"]);
});
