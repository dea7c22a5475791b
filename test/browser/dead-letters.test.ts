/**
 * "Messages the sync gave up on" in <poweroffice-sync>, in Chromium against the real worker and both simulators:
 * a queue message the worker gave up on is listed in words, "Send again" puts it back on the queue once and it
 * leaves the list, a replay done elsewhere first is said in the worker's words, and a read token sees no buttons.
 */
import { join } from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseSyncMessage, webshopEventMessage } from "../../worker/messages/message";
import { SCREENSHOT_DIR, type Stack, startStack } from "./harness";

let stack: Stack;
let page: Page;
/** The dashboard's own live region (the go-live views, shown until the sync is live, have theirs). */
const announcement = () => page.locator("poweroffice-sync [part=status]");

beforeAll(async () => {
  stack = await startStack({ name: "dead-letters" });
  page = await stack.newPage();
});
afterAll(async () => stack?.close());

const dashboard = (lang = "en") => `<main lang="${lang}" style="max-width: 1040px; margin: 24px auto">
    <poweroffice-sync api-base="${stack.workerUrl}" refresh-seconds="0"></poweroffice-sync>
  </main>`;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const section = () => page.getByRole("region", { name: "Messages the sync gave up on" });
const items = () => section().getByRole("listitem");

/** A shop webhook's message the consumer gave up on after its every attempt (the shop answered 503). */
const givenUp = (webhookId: string, id: string) => ({
  queueMessageId: `q-${webhookId}`,
  kind: "webshop-event",
  body: webshopEventMessage(webhookId, { resource: "customers", id, version: 1, type: "customer.updated" }),
  reason: "Gave up after 5 attempts: The webshop failed with HTTP 503 (Service Unavailable).",
  attempts: 5,
});

/** A message the consumer could not read, so it gave up on it at once. */
function unreadable(n: number) {
  const body = { v: 1, kind: "poweroffice-page", page: n };
  const parsed = parseSyncMessage(body);
  if (parsed.ok) throw new Error("the worker reads this message after all");
  return { queueMessageId: `q-unreadable-${n}`, kind: parsed.kind, body, reason: parsed.reason, attempts: 1 };
}

const customerReads = (id: string) =>
  stack.shop.requests.filter((r) => r.method === "GET" && r.path === `/api/customers/${id}`).length;

async function replayElsewhere(id: number) {
  const response = await fetch(`${stack.workerUrl}/api/dead-letters/${id}/replay`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await stack.mint({ scope: "write" })}`, Origin: stack.hostOrigin },
  });
  expect(response.status).toBe(200);
}

describe("messages the sync gave up on", () => {
  test("nothing given up on: no section, and the dashboard does not ask for the list", async () => {
    const asked: string[] = [];
    page.on("request", (r: Request) => asked.push(r.url()));
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => page.getByText("Nothing needs attention.").count()).toBe(1);
    expect(await section().count()).toBe(0);
    expect(asked.some((url) => url.includes("/api/dead-letters"))).toBe(false);
    page.removeAllListeners("request");
  });

  test("one given up on shows in words; Send again puts it back on the queue once and it leaves the list", async () => {
    const [, eventId] = await stack.deadLetters([unreadable(1), givenUp("msg_browser_dead_1", "cus_000001")]);
    expect((await stack.status()).attention.queueDeadLetters).toBe(2);
    const replays: string[] = [];
    page.on("request", (r: Request) => {
      if (r.method() === "POST" && r.url().includes("/api/dead-letters/")) replays.push(r.url());
    });
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => items().count()).toBe(2);

    // Newest first: the shop webhook's message, then the one the worker cannot read.
    const [event, broken] = [items().nth(0), items().nth(1)];
    const eventText = await event.textContent();
    expect(eventText).toContain("Shop webhook: customers cus_000001 changed (version 1)");
    expect(eventText).toContain("Gave up after 5 attempts: The webshop failed with HTTP 503");
    expect(eventText).toContain("Tried 5 times");
    expect(await event.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
    const brokenText = await broken.textContent();
    expect(brokenText).toContain("A message the worker cannot read");
    expect(brokenText).toContain("Cannot be sent again");
    expect(await broken.getByRole("button").count()).toBe(0);
    await shot("dead-letters");

    const reads = customerReads("cus_000001");
    const send = event.getByRole("button", { name: /^Send again/ });
    // A double click is one replay: the second click finds the button busy.
    await send.dblclick();
    await expect.poll(() => announcement().textContent()).toContain("is back on the queue, once");
    await expect.poll(() => items().count()).toBe(1);
    expect(await items().first().textContent()).toContain("A message the worker cannot read");
    expect(replays).toEqual([`${stack.workerUrl}/api/dead-letters/${eventId}/replay`]);
    // The worker took the message up again: it read the customer from the shop, once.
    await expect.poll(() => customerReads("cus_000001"), { timeout: 15_000 }).toBe(reads + 1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(customerReads("cus_000001")).toBe(reads + 1);
    expect((await stack.status()).attention.queueDeadLetters).toBe(1);
    page.removeAllListeners("request");
  });

  test("sent again elsewhere first: the worker's sentence, and the list refreshed", async () => {
    const [id] = await stack.deadLetters([givenUp("msg_browser_dead_2", "cus_000002")]);
    await page.goto(stack.page({ body: dashboard() }));
    await expect.poll(() => items().count()).toBe(2);
    await replayElsewhere(id!);
    await items()
      .first()
      .getByRole("button", { name: /^Send again/ })
      .click();
    await expect
      .poll(() => announcement().textContent())
      .toMatch(
        new RegExp(`^Dead letter ${id} was replayed at .*: it went back on the queue then; nothing was sent again\\.$`),
      );
    await expect.poll(() => items().count()).toBe(1);
  });

  test("a read token sees the list without buttons, and Show more pages back", async () => {
    await stack.deadLetters(Array.from({ length: 10 }, (_, n) => unreadable(n + 2)));
    stack.tokenPlan.scope = "read";
    try {
      await page.goto(stack.page({ body: dashboard() }));
      await expect.poll(() => items().count()).toBe(10);
      expect(
        await section()
          .getByRole("button", { name: /Send again/ })
          .count(),
      ).toBe(0);
      await section().getByRole("button", { name: "Show more" }).click();
      await expect.poll(() => items().count()).toBe(11);
      expect(await section().getByRole("button", { name: "Show more" }).count()).toBe(0);
      expect(await items().last().textContent()).toContain('"page":1');
    } finally {
      stack.tokenPlan.scope = "write";
    }
  });

  test("speaks bokmål on a Norwegian page", async () => {
    await page.goto(stack.page({ lang: "nb", body: dashboard("nb") }));
    const nb = page.getByRole("region", { name: "Meldinger synkroniseringen ga opp" });
    await expect.poll(() => nb.getByRole("listitem").count()).toBe(10);
    expect(await nb.getByText("Kan ikke sendes på nytt", { exact: false }).count()).toBeGreaterThan(0);
  });
});
