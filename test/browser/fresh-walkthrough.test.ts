/**
 * The whole way to go live, as a newcomer on `npm start -- --fresh` takes it, in Chromium against the real worker:
 * no client key and FIRST_SYNC=preview → Connect PowerOffice in the widget → PowerOffice's consent page → back →
 * "Connected to …" → the preview reads both systems → the plan → Start syncing → the first sync does what the
 * preview said. Nothing is written to either system before Start.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PreviewResponse } from "../../shared/api/preview";
import { SIM_DEFAULT_CLIENT } from "../sim/poweroffice";
import { type Stack, startStack } from "./harness";

let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ name: "walkthrough", firstSync: "preview", vars: { POWEROFFICE_CLIENT_KEY: "" } });
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const dashboard = () =>
  `<main><poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0" lang="en"></poweroffice-sync></main>`;

/** Requests that change something in a simulator (a token request changes no books). */
const writes = () =>
  stack.po.requests.filter((r) => r.method !== "GET" && !/OAuth\/Token$|\/Onboarding\//i.test(r.path)).length +
  stack.shop.requests.filter((r) => r.method !== "GET").length;

async function preview(): Promise<PreviewResponse> {
  const token = await stack.mint({ scope: "read", ttlSeconds: 60, shiftSeconds: 0 });
  const response = await fetch(`${stack.workerUrl}/api/preview`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as PreviewResponse;
}

const total = (p: PreviewResponse, count: keyof PreviewResponse["dataflows"][number]["counts"]) =>
  p.dataflows.reduce((sum, flow) => sum + flow.counts[count], 0);

describe("from a fresh deployment to a synced shop, in the widget", () => {
  test("connect, read the preview, start, and the first sync does what the preview said", async () => {
    // Unconnected: the sync waits for PowerOffice, and says so.
    expect((await preview()).state).toBe("waiting-for-connection");
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => page.getByText("PowerOffice is not connected").count(), { timeout: 15_000 }).toBe(1);

    // Connect: organisation number → PowerOffice's consent page → approve → back in the shop admin.
    await page.getByLabel("Organisation number of the PowerOffice client").fill(SIM_DEFAULT_CLIENT.organizationNumber);
    await page.getByRole("button", { name: "Connect PowerOffice" }).click();
    await page.waitForURL(/\/Onboarding\/Consent\//);
    await page.locator("button[value=Success]").click();
    await page.waitForURL((url) => url.origin === stack.hostOrigin);
    const connected = `Connected to ${SIM_DEFAULT_CLIENT.name} (${SIM_DEFAULT_CLIENT.organizationNumber})`;
    // The connection line itself: the checklist's PowerOffice item says "Connected to …" too.
    const line = page.locator('p[part="connected"]').filter({ hasText: connected });
    await expect.poll(() => line.count(), { timeout: 15_000 }).toBe(1);

    // The preview reads both systems on the cron; the widget shows the plan once both are read.
    const deadline = Date.now() + 60_000;
    let plan = await preview();
    while (plan.state !== "ready" && Date.now() < deadline) {
      await stack.cron();
      await new Promise((resolve) => setTimeout(resolve, 800));
      plan = await preview();
    }
    expect(plan.state).toBe("ready");
    expect(total(plan, "link")).toBeGreaterThan(0);
    expect(total(plan, "createInPowerOffice")).toBeGreaterThan(0);
    expect(total(plan, "createInWebshop")).toBeGreaterThan(0);
    const view = page.locator("poweroffice-sync-go-live");
    await page.reload();
    await view.getByRole("heading", { name: "Preview of the first sync" }).waitFor({ timeout: 30_000 });
    await view.getByRole("button", { name: "Show the plan" }).click();
    await expect
      .poll(() => page.locator("poweroffice-sync-go-live .plan-item").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(writes()).toBe(0);

    // Start: the question says what will happen; the answer starts the first sync.
    const poBefore = stack.po.count("customers");
    const shopBefore = stack.shop.count("customers");
    await view.getByRole("button", { name: "Start syncing" }).first().click();
    await view.locator("dialog[open]").getByRole("button", { name: "Start syncing" }).click();
    await expect.poll(async () => (await preview()).state, { timeout: 15_000 }).toBe("started");

    const status = await stack.syncUntilQuiet(90_000);
    const customers = plan.dataflows.find((f) => f.dataflow === "customers")!.counts;
    const departments = plan.dataflows.find((f) => f.dataflow === "departments")!.counts;
    expect(stack.po.count("customers")).toBe(poBefore + customers.createInPowerOffice);
    // The shop keeps departments as customers of kind "department".
    expect(stack.shop.count("customers")).toBe(shopBefore + customers.createInWebshop + departments.createInWebshop);
    const linked = status.dataflows.find((f) => f.dataflow === "customers")!.counts.linked;
    expect(linked).toBe(customers.link + customers.createInPowerOffice + customers.createInWebshop);

    // The result, in the widget: the customers card counts the linked pairs.
    await page.reload();
    const card = page.getByRole("article", { name: "Customers" });
    await expect
      .poll(() => card.locator(".count[data-state=linked] dd").textContent(), { timeout: 15_000 })
      .toBe(String(linked));
  });
});
