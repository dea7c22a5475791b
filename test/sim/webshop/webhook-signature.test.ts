import { createHmac } from "node:crypto";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { WebhookEvent } from "../../../shared/webshop";
import { signatureHeader } from "../../../webshop-kit/src/webhooks/signing";
import { SECRET, testShop } from "./test-client";

/** An independent verifier (node:crypto, not the shop's WebCrypto code), as a receiver would check. */
function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

describe("Standard Webhooks signing", () => {
  it("matches the specification's test vector (the kit's signing, which the shop's webhooks use)", async () => {
    const raw = Uint8Array.from(atob("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const signature = await signatureHeader([key], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("refuses a secret that is not base64", () => {
    expect(() => testShop({ webhooks: { url: "https://w.test/h", secret: "whsec_not base64!" } })).toThrow(/base64/);
  });

  it("ids are msg_ and 32 hex characters (a random UUID), unique per event", () => {
    const { shop } = testShop({ webhooks: { url: "https://w.test/h", secret: SECRET, mode: "manual" } });
    const customer = shop.seed.customer({ kind: "company" });
    for (let n = 0; n < 200; n++) shop.edit("customers", customer.id, { phone: String(n) });
    const ids = new Set(shop.webhooks.sent.map((w) => w.id));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it("every sent webhook carries headers a receiver verifies, and a body of the contract's shape", async () => {
    const received: Request[] = [];
    const { shop, api, clock } = testShop({
      webhooks: {
        url: "https://worker.test/webhooks/webshop",
        secret: SECRET,
        mode: "manual",
        deliver: async (request) => {
          received.push(request);
          return new Response(null, { status: 202 });
        },
      },
    });
    const created = await api.post("/products", { sku: "A", name: "A", price: "1.00" });
    clock.advance(90_000);
    await api.patch(`/products/${created.json.id}`, { price: "2.00" });
    await api.delete(`/products/${created.json.id}`);
    await shop.webhooks.flush();
    expect(received).toHaveLength(3);
    const types: string[] = [];
    for (const request of received) {
      expect(request.method).toBe("POST");
      expect(request.url).toBe("https://worker.test/webhooks/webshop");
      expect(request.headers.get("content-type")).toBe("application/json");
      const id = request.headers.get("webhook-id")!;
      const timestamp = request.headers.get("webhook-timestamp")!;
      const body = await request.text();
      expect(request.headers.get("webhook-signature")).toBe(expectedSignature(SECRET, id, timestamp, body));
      // Signed when sent (after the clock moved), with the shop's clock in unix seconds.
      expect(timestamp).toBe(String(Math.floor(Date.UTC(2026, 10, 26, 12, 1, 30) / 1000)));
      const event = v.parse(WebhookEvent, JSON.parse(body));
      types.push(event.type);
      expect(event.data.id).toBe(created.json.id);
    }
    expect(types).toEqual(["product.created", "product.updated", "product.deleted"]);
    expect(new Set(received.map((r) => r.headers.get("webhook-id"))).size).toBe(3);
  });
});
