/**
 * <poweroffice-sync> in Chromium against the real worker when Cloudflare's daily Queue operations are used up: the
 * status answer carries the allowance and its reset (test/workerd/jobs/daily-limits.test.ts makes the worker say so
 * from a real refusal; here the answer is given that field on its way to the page), and the dashboard says it in
 * English and bokmål, with the reset in the admin's own time zone.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";
import { contrastProblems } from "./page-checks";

let stack: Stack;
let page: Page;
const RESETS_AT = "2026-12-06T00:00:00.000Z";

beforeAll(async () => {
  stack = await startStack({ name: "daily-limit" });
  page = await stack.newPage();
  await page.route("**/api/status", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({
      response,
      json: { ...body, dailyLimits: [{ allowance: "queue-operations", resetsAt: RESETS_AT }] },
    });
  });
});
afterAll(async () => stack?.close());

const dashboard = (attributes = "") =>
  `<main style="max-width: 1040px; margin: 24px auto; padding: 0 16px">
    <poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0" ${attributes}></poweroffice-sync>
  </main>`;

/** The reset as the page's own clock shows it ("01:00" in Oslo, "00:00" in UTC). */
const localReset = (locale: string) =>
  page.evaluate(
    ([iso, loc]) =>
      new Intl.DateTimeFormat(loc, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso!)),
    [RESETS_AT, locale],
  );

describe("a daily allowance used up", () => {
  test("the dashboard says which, when the sync goes on by itself, and that Workers Paid removes it", async () => {
    await page.goto(stack.page({ body: dashboard('lang="en"') }));
    const notice = page.locator("poweroffice-sync .daily-limit");
    await expect.poll(() => notice.count()).toBe(1);
    const time = await localReset("en-GB");
    expect((await notice.textContent())?.trim()).toBe(
      `Cloudflare's daily allowance of Queue operations (Workers Free) is used up; the sync goes on by itself at ${time} your time (00:00 UTC). Workers Paid removes this limit.`,
    );
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await contrastProblems(page, "poweroffice-sync")).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "daily-limit-en.png"), fullPage: true });
  });

  test("in bokmål", async () => {
    await page.goto(stack.page({ lang: "nb", body: dashboard() }));
    const notice = page.locator("poweroffice-sync .daily-limit");
    await expect.poll(() => notice.count()).toBe(1);
    const time = await localReset("nb-NO");
    expect((await notice.textContent())?.trim()).toBe(
      `Cloudflares daglige kvote for køoperasjoner (Workers Free) er brukt opp; synkroniseringen fortsetter av seg selv kl. ${time} din tid (00:00 UTC). Workers Paid fjerner denne grensen.`,
    );
  });
});
