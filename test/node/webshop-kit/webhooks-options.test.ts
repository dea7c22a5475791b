import { describe, expect, it } from "vitest";
import { createWebhookSender } from "../../../webshop-kit/src/webhooks";
import { NEW_SECRET, OLD_SECRET, receiver, senderFor, testShop, URL } from "./webhook-harness";

const SHORT = `whsec_${btoa("only twenty-three bytes")}`;

describe("webhook sender options", () => {
  it.each([
    [{ secrets: [] }, "createWebhookSender: secrets is empty: give the secret the worker has"],
    [{ secrets: "" }, "createWebhookSender: secrets is empty"],
    [
      { secrets: [NEW_SECRET, OLD_SECRET, NEW_SECRET] },
      "secrets holds more than two secrets: keep the new and the old one only while rotating",
    ],
    [
      { secrets: [SHORT] },
      "secrets[0] is malformed: it should be whsec_ followed by base64 of at least 24 random bytes",
    ],
    [{ secrets: [NEW_SECRET, NEW_SECRET.slice(6)] }, "secrets[1] is malformed"],
    [{ secrets: ["whsec_not base64!"] }, "secrets[0] is malformed"],
    [{ secrets: 42 }, "secrets must be a string or an array of strings"],
    [
      { url: "worker.test/webhooks" },
      "createWebhookSender: url is not a URL: it should look like https://<worker>/webhooks/webshop",
    ],
    [{ url: "ftp://worker.test/webhooks" }, "url must start with https:// (or http:// for a local worker)"],
    [{ retryDelaysMs: [1000, -1] }, "every retry delay must be at least 0"],
    [{ retryDelaysMs: [1.5] }, "every retry delay must be a whole number of milliseconds"],
    [{ timeoutMs: 0 }, "timeoutMs must be at least 1"],
    [
      { adapter: {} },
      "adapter must be a webshop adapter with get() and outbox.due(), outbox.claim() and outbox.attempted()",
    ],
    [{ fetch: "https://worker.test" }, "fetch must be a function (request: Request) => Promise<Response>"],
  ])("refuses %o with a sentence that names it", (override, message) => {
    const shop = testShop();
    const options = { adapter: shop.adapter, url: URL, secrets: [NEW_SECRET], ...override };
    expect(() => createWebhookSender(options as never)).toThrow(message);
  });

  it.each([
    [{ limit: 0 }, "deliverPending: limit must be at least 1"],
    [{ limit: 2.5 }, "limit must be a whole number of attempts"],
    [{ timeBudgetMs: -1 }, "timeBudgetMs must be at least 0"],
    [{ timeBudgetMs: "15s" }, "timeBudgetMs must be a number of milliseconds"],
  ])("deliverPending refuses %o and changes nothing", async (options, message) => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    shop.change("customers", "cus_1", "created");
    await expect(senderFor(shop, endpoint).deliverPending(options as never)).rejects.toThrow(message);
    expect(endpoint.requests).toHaveLength(0);
    expect(shop.outbox.list()[0]).toMatchObject({ state: "pending", attempts: 0, nextAttemptAt: 0 });
  });
});
