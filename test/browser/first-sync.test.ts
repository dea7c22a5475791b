/**
 * <poweroffice-sync> in Chromium against the real worker while a first sync runs on Workers Free: the status answer
 * carries each dataflow's `firstSync` block (test/workerd/jobs/first-sync-pacing.test.ts makes the worker pause and
 * say so; here the answer is given the block on its way to the page), and the dataflow's card says it in English and
 * bokmål: how many of how many are linked, paused for today until the reset in the admin's own time, about how long.
 * Where the total is not known yet it says so instead of guessing.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FirstSync } from "../../shared/api/status";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";
import { contrastProblems } from "./page-checks";

let stack: Stack;
let page: Page;
const RESETS_AT = "2026-12-06T00:00:00.000Z";
const HOUR = 3_600_000;

/** Customers: both feeds read, paused, about two days left. Products: PowerOffice still being read, no estimate. */
function blocks(now: number): Record<string, FirstSync> {
  return {
    customers: {
      linked: 4_210,
      waiting: 5_590,
      total: 9_800,
      feeds: [
        { side: "poweroffice", readToEnd: true },
        { side: "webshop", readToEnd: true },
      ],
      perHour: 900,
      perDay: 2_800,
      estimatedDoneAt: new Date(now + 2 * 24 * HOUR + 2 * HOUR).toISOString(),
      pausedUntil: RESETS_AT,
    },
    products: {
      linked: 120,
      waiting: 30,
      total: null,
      feeds: [
        { side: "poweroffice", readToEnd: false },
        { side: "webshop", readToEnd: true },
      ],
      perHour: null,
      perDay: null,
      estimatedDoneAt: null,
      pausedUntil: null,
    },
  };
}

beforeAll(async () => {
  stack = await startStack({ name: "first-sync" });
  page = await stack.newPage();
  await page.route("**/api/status", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const firstSync = blocks(Date.now());
    await route.fulfill({
      response,
      json: {
        ...body,
        dataflows: body.dataflows.map((flow: { dataflow: string }) => ({
          ...flow,
          firstSync: firstSync[flow.dataflow] ?? null,
        })),
      },
    });
  });
});
afterAll(async () => stack?.close());

const dashboard = (attributes = "") =>
  `<main style="max-width: 1040px; margin: 24px auto; padding: 0 16px">
    <poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0" ${attributes}></poweroffice-sync>
  </main>`;

const localReset = (locale: string) =>
  page.evaluate(
    ([iso, loc]) =>
      new Intl.DateTimeFormat(loc, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso!)),
    [RESETS_AT, locale],
  );

/** A number as the page's Intl writes it (bokmål groups with a no-break space). */
const number = (n: number, locale: string) =>
  page.evaluate(([value, loc]) => new Intl.NumberFormat(loc as string).format(value as number), [n, locale] as const);

const notice = (dataflow: string) => page.locator(`poweroffice-sync [data-dataflow="${dataflow}"] .first-sync`);

describe("a first sync on Workers Free", () => {
  test("each card says how far it has come, that it waits for the reset, and about how long is left", async () => {
    await page.goto(stack.page({ body: dashboard('lang="en"') }));
    await expect.poll(() => notice("customers").count()).toBe(1);
    const time = await localReset("en-GB");
    expect((await notice("customers").textContent())?.trim()).toBe(
      `First sync: 4,210 of about 9,800 customers linked; paused for today to stay inside Workers Free's daily allowance, continues at ${time} your time; about 2 more days.`,
    );
    // Read with its card, not announced on every refresh: the dashboard's one live region stays its announcements.
    expect(await notice("customers").getAttribute("role")).toBeNull();
    expect((await notice("products").textContent())?.trim()).toBe(
      "First sync: 120 products linked so far; how many there are in all is known once PowerOffice has been read to the end; no estimate of when it is done yet.",
    );
    // A dataflow whose first sync is done shows no notice.
    expect(await notice("departments").count()).toBe(0);
    expect(await contrastProblems(page, "poweroffice-sync")).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "first-sync-en.png"), fullPage: true });
  });

  test("in bokmål", async () => {
    await page.goto(stack.page({ lang: "nb", body: dashboard() }));
    await expect.poll(() => notice("customers").count()).toBe(1);
    const time = await localReset("nb-NO");
    const [linked, total] = [await number(4_210, "nb-NO"), await number(9_800, "nb-NO")];
    expect((await notice("customers").textContent())?.trim()).toBe(
      `Første synkronisering: ${linked} av omtrent ${total} kunder koblet; satt på pause resten av dagen for å holde seg innenfor Workers Frees daglige kvote, fortsetter kl. ${time} din tid; omtrent 2 dager til.`,
    );
    expect((await notice("products").textContent())?.trim()).toBe(
      "Første synkronisering: 120 produkter koblet så langt; hvor mange det er i alt, vet vi når PowerOffice er lest til slutten; ingen anslag ennå for når den er ferdig.",
    );
  });
});
