/**
 * Connecting PowerOffice from <poweroffice-sync> in Chromium, against the real worker (no POWEROFFICE_CLIENT_KEY)
 * and the PowerOffice simulator's consent page: organisation number → PowerOffice → back → "Connected to …", by
 * keyboard only; in bokmål; and a callback URL PowerOffice refuses, said in words.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SIM_DEFAULT_CLIENT } from "../sim/poweroffice";
import { type Stack, startStack } from "./harness";

let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ name: "connect", vars: { POWEROFFICE_CLIENT_KEY: "" } });
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const dashboard = (lang = "en") =>
  `<main><poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0" lang="${lang}"></poweroffice-sync></main>`;

/**
 * The connection line itself (connection-line.ts). Before go-live the checklist also says "Connected to …" in its
 * PowerOffice item, so a lookup of the text alone finds that too, whenever the checklist is showing.
 */
const connectionLines = (text: string) => page.locator('p[part="connected"]').filter({ hasText: text });

/** Tab until the focused element (inside the shadow root too) matches `selector`. */
async function tabTo(target: Page, selector: string, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    await target.keyboard.press("Tab");
    const found = await target.evaluate((sel) => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.matches(sel) ?? false;
    }, selector);
    if (found) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe("connecting PowerOffice", () => {
  test("a callback URL PowerOffice refuses is said in words, with what to do", async () => {
    stack.po.onboarding.acceptLocalhost(false);
    try {
      await page.goto(stack.page({ body: dashboard() }));
      await expect.poll(() => page.getByText("PowerOffice is not connected").count()).toBe(1);
      await page
        .getByLabel("Organisation number of the PowerOffice client")
        .fill(SIM_DEFAULT_CLIENT.organizationNumber);
      await page.getByRole("button", { name: "Connect PowerOffice" }).click();
      await expect.poll(() => page.getByText(/does not accept this sync's address .*whitelist it/).count()).toBe(1);
      expect(page.url()).toContain(new URL(stack.hostOrigin).host);
    } finally {
      stack.po.onboarding.acceptLocalhost(true);
    }
  });

  test("by keyboard only: organisation number → PowerOffice's consent → back → Connected to …", async () => {
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => page.getByText("PowerOffice is not connected").count()).toBe(1);
    await tabTo(page, "#connect-org");
    await page.keyboard.type(SIM_DEFAULT_CLIENT.organizationNumber);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/Onboarding\/Consent\//);
    expect(await page.getByText(SIM_DEFAULT_CLIENT.name).count()).toBeGreaterThan(0);
    await tabTo(page, "button[value=Success]");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.origin === stack.hostOrigin);
    const connected = `Connected to ${SIM_DEFAULT_CLIENT.name} (${SIM_DEFAULT_CLIENT.organizationNumber})`;
    await expect.poll(() => connectionLines(connected).count()).toBe(1);
    expect(await page.getByText("PowerOffice is connected.").count()).toBe(1);
    // The outcome is said once: it is taken off the address.
    expect(page.url()).not.toContain("poweroffice=");
    const status = await stack.status();
    expect(status.dataflows.length).toBe(4);
  });

  test("widget.js shows the line and Disconnect by itself; the question comes with go-live.js, loaded on demand", async () => {
    // go-live.js held back: what shows meanwhile is widget.js's own.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/go-live.js", async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(stack.page({ body: dashboard() }));
      const connected = `Connected to ${SIM_DEFAULT_CLIENT.name} (${SIM_DEFAULT_CLIENT.organizationNumber})`;
      await expect.poll(() => connectionLines(connected).count()).toBe(1);
      expect(await page.locator("poweroffice-sync-connection").count()).toBe(0);
      await page.getByRole("button", { name: "Disconnect" }).click();
      release();
      const question = page.getByRole("alert").filter({ hasText: "Stop syncing with PowerOffice?" });
      await expect.poll(() => question.count()).toBe(1);
      expect(await page.locator("poweroffice-sync-connection").count()).toBe(1);
      // The keyboard is on the safe answer; Enter keeps the connection.
      await page.keyboard.press("Enter");
      await expect.poll(() => question.count()).toBe(0);
      await expect.poll(() => connectionLines(connected).count()).toBe(1);
      await expect.poll(() => page.getByRole("button", { name: "Disconnect" }).count()).toBe(1);
    } finally {
      release();
      await page.unroute("**/go-live.js");
    }
  });

  test("in bokmål: connected, and Disconnect asks once more before it stops the sync", async () => {
    await page.goto(stack.page({ lang: "nb", body: dashboard("nb") }));
    const connected = `Koblet til ${SIM_DEFAULT_CLIENT.name} (${SIM_DEFAULT_CLIENT.organizationNumber})`;
    await expect.poll(() => connectionLines(connected).count()).toBe(1);
    await page.getByRole("button", { name: "Koble fra" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Slutte å synkronisere" }).count()).toBe(1);
    await page.getByRole("button", { name: "Koble fra" }).click();
    await expect.poll(() => page.getByText("PowerOffice er koblet fra.").count()).toBe(1);
    expect(await page.getByText("PowerOffice er ikke koblet til").count()).toBe(1);
  });
});
