/**
 * Every request body /api reads has a size limit: a larger one is refused with 413 in words before any route reads
 * it, whether its Content-Length says so or it streams without one, and nothing is synced or written.
 */
import * as valibot from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiErrorSchema } from "../../../../shared/api/errors";
import { API_PATHS } from "../../../../shared/api/paths";
import { MAX_API_BODY_BYTES } from "../../../../worker/http/api/body-limit";
import { ADMIN_ORIGIN, type ApiWorld, createApiWorld } from "./api-world";
import { testToken } from "./tokens";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
});

/** A push body of exactly `bytes` bytes (JSON, padded with a field the route ignores). */
function pushBody(bytes: number, id: string): string {
  const base = JSON.stringify({ resource: "products", id, pad: "" });
  return JSON.stringify({ resource: "products", id, pad: "x".repeat(bytes - base.length) });
}

describe("/api request bodies", () => {
  it("refuses a body over the limit by its Content-Length with 413, and syncs nothing", async () => {
    const product = world.shop.seed.product({ sku: "BIG-1", name: "Stor", price: "1.00" });
    const before = world.poweroffice.requests.length + world.shop.requests.length;
    const body = pushBody(MAX_API_BODY_BYTES + 1, product.id);
    const response = await world.app.request(
      `https://worker.test${API_PATHS.push}`,
      {
        method: "POST",
        body,
        headers: {
          Authorization: `Bearer ${await testToken("write", world.clock.now())}`,
          "Content-Type": "application/json",
          "Content-Length": String(body.length),
          "Idempotency-Key": "big-1",
          Origin: ADMIN_ORIGIN,
        },
      },
      world.env,
    );
    expect(response.status).toBe(413);
    const error = v(await response.json());
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain(`${MAX_API_BODY_BYTES} bytes`);
    // The admin page can read the refusal.
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ADMIN_ORIGIN);
    expect(world.poweroffice.requests.length + world.shop.requests.length).toBe(before);
  });

  it("refuses a streamed body without Content-Length once it passes the limit", async () => {
    const product = world.shop.seed.product({ sku: "BIG-2", name: "Stor", price: "1.00" });
    const bytes = new TextEncoder().encode(pushBody(MAX_API_BODY_BYTES + 1, product.id));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 1024) controller.enqueue(bytes.slice(at, at + 1024));
        controller.close();
      },
    });
    const response = await world.app.request(
      `https://worker.test${API_PATHS.push}`,
      {
        method: "POST",
        body: stream,
        headers: {
          Authorization: `Bearer ${await testToken("write", world.clock.now())}`,
          "Content-Type": "application/json",
          "Idempotency-Key": "big-2",
        },
      },
      world.env,
    );
    expect(response.status).toBe(413);
    expect(v(await response.json()).code).toBe("payload_too_large");
  });

  it("reads a body of exactly the limit", async () => {
    const product = world.shop.seed.product({ sku: "BIG-3", name: "Stor", price: "1.00" });
    const response = await world.send("POST", API_PATHS.push, {
      body: JSON.parse(pushBody(MAX_API_BODY_BYTES, product.id)),
      headers: { "Idempotency-Key": "big-3" },
    });
    expect(response.status).toBe(200);
  });
});

/** The error of a refusal, checked against the shared error schema. */
const v = (json: unknown) => valibot.parse(ApiErrorSchema, json).error;
