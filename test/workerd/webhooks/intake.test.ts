import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../../../worker/http/app";
import { MAX_WEBHOOK_BODY_BYTES } from "../../../worker/webhooks/read-body";
import {
  eventBody,
  inboxRow,
  nowSeconds,
  randomSecret,
  recordingQueue,
  SECRET,
  sign,
  signedRequest,
  testEnv,
  uniqueId,
  WEBHOOK_URL,
} from "./helpers";

/** Sends `request` to the app with a recording queue; returns the answer, its JSON and what was queued. */
async function deliver(request: Request, overrides: Record<string, unknown> = {}) {
  const recorder = recordingQueue();
  const res = await app.request(request, undefined, testEnv({ SYNC_QUEUE: recorder.queue, ...overrides }));
  return { res, json: (await res.json()) as Record<string, unknown>, sent: recorder.sent };
}

/** A refusal: the status and error code, and that neither the inbox nor the queue changed. */
async function expectRefused(request: Request, status: number, code: string, overrides: Record<string, unknown> = {}) {
  const id = request.headers.get("webhook-id");
  const { res, json, sent } = await deliver(request, overrides);
  expect(res.status).toBe(status);
  expect(json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(sent).toEqual([]);
  if (id) expect(await inboxRow(id)).toBeNull();
  return json.error as { code: string; message: string; details?: unknown };
}

describe("POST /webhooks/webshop: a valid event", () => {
  it("answers 202, records the id as queued and puts a reference (not the payload) on the queue", async () => {
    const id = uniqueId();
    const body = eventBody("order.created", { id: "ord_7", version: 1, lines: [], order_number: "1001" });
    const { res, json, sent } = await deliver(await signedRequest({ id, body }));
    expect(res.status).toBe(202);
    expect(json).toEqual({ received: true, webhook_id: id, status: "queued" });
    expect(sent).toEqual([{ v: 1, kind: "webshop-event", webhookId: id, resource: "orders", id: "ord_7", version: 1 }]);
    expect(await inboxRow(id)).toMatchObject({
      webhook_id: id,
      event_type: "order.created",
      resource: "orders",
      resource_id: "ord_7",
      version: 1,
      status: "queued",
      queued_at: expect.any(String),
    });
  });

  it("is accepted by the real queue binding too", async () => {
    const id = uniqueId();
    const res = await app.request(await signedRequest({ id }), undefined, env);
    expect(res.status).toBe(202);
    expect((await inboxRow(id))?.status).toBe("queued");
  });

  it("answers 200 and does nothing for an id already queued (a replay or a shop retry)", async () => {
    const id = uniqueId();
    const first = await deliver(await signedRequest({ id }));
    expect(first.res.status).toBe(202);
    const before = await inboxRow(id);
    const again = await deliver(await signedRequest({ id }));
    expect(again.res.status).toBe(200);
    expect(again.json).toEqual({ received: true, webhook_id: id, status: "duplicate" });
    expect(again.sent).toEqual([]);
    expect(await inboxRow(id)).toEqual(before);
  });

  it("answers 200 and does nothing for an id already processed or dead-lettered", async () => {
    for (const status of ["processed", "dead-lettered"]) {
      const id = uniqueId();
      await deliver(await signedRequest({ id }));
      await env.DB.prepare("UPDATE webhook_inbox SET status = ? WHERE webhook_id = ?").bind(status, id).run();
      const again = await deliver(await signedRequest({ id }));
      expect(again.res.status).toBe(200);
      expect(again.sent).toEqual([]);
      expect((await inboxRow(id))?.status).toBe(status);
    }
  });

  it("keeps extra fields in data and the envelope (data may carry the whole record)", async () => {
    const body = JSON.stringify({
      type: "product.updated",
      timestamp: "2026-11-26T12:00:00.000Z",
      data: { id: "prd_1", version: 9, sku: "SKU-1", name: "Kaffe" },
      attempt: 2,
    });
    const { res, sent } = await deliver(await signedRequest({ body }));
    expect(res.status).toBe(202);
    expect(sent[0]).toMatchObject({ resource: "products", id: "prd_1", version: 9 });
  });
});

describe("POST /webhooks/webshop: forged or unsigned requests are 401 and change nothing", () => {
  it("refuses a signature made with another secret", async () => {
    const error = await expectRefused(await signedRequest({ secret: randomSecret() }), 401, "invalid_signature");
    expect(error.message).toMatch(/None of the 1 v1 signature\(s\) matches/);
  });

  it("refuses a tampered body", async () => {
    const id = uniqueId();
    const ts = nowSeconds();
    const signature = await sign(SECRET, id, ts, eventBody("customer.updated", { id: "cus_1", version: 2 }));
    const tampered = eventBody("customer.deleted", { id: "cus_1", version: 2 });
    await expectRefused(
      await signedRequest({ id, timestamp: ts, signature, body: tampered }),
      401,
      "invalid_signature",
    );
  });

  it("refuses a tampered id and a tampered timestamp", async () => {
    const ts = nowSeconds();
    const body = eventBody();
    const signature = await sign(SECRET, "msg_original", ts, body);
    await expectRefused(
      await signedRequest({ id: uniqueId(), timestamp: ts, body, signature }),
      401,
      "invalid_signature",
    );
    const id = uniqueId();
    const signed = await sign(SECRET, id, ts, body);
    await expectRefused(
      await signedRequest({ id, timestamp: ts - 1, body, signature: signed }),
      401,
      "invalid_signature",
    );
  });

  it("names each missing header", async () => {
    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const error = await expectRefused(await signedRequest({ omit: [header] }), 401, "missing_signature_header");
      expect(error.message).toContain(`The ${header} header is missing`);
    }
  });

  it("refuses a signature header without a v1 signature and a timestamp that is not unix seconds", async () => {
    await expectRefused(await signedRequest({ signature: "v1a,abcd" }), 401, "invalid_signature");
    await expectRefused(await signedRequest({ timestamp: new Date().toISOString() }), 401, "invalid_timestamp");
  });

  it("answers 400 for a webhook-id that cannot be a key", async () => {
    await expectRefused(await signedRequest({ id: "x".repeat(256) }), 400, "invalid_webhook_id");
  });
});

describe("POST /webhooks/webshop: timestamp tolerance at the ±5 minute edges", () => {
  const NOW = Date.UTC(2026, 10, 26, 12, 0, 0, 500);
  afterEach(() => {
    vi.useRealTimers();
  });
  const at = async (offsetSeconds: number) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    return signedRequest({ timestamp: Math.floor(NOW / 1000) + offsetSeconds });
  };

  it("accepts exactly 300 s old and 300 s ahead", async () => {
    for (const offset of [-300, 300]) {
      const request = await at(offset);
      const { res, sent } = await deliver(request);
      expect(res.status).toBe(202);
      expect(sent).toHaveLength(1);
    }
  });

  it("refuses 301 s old and 301 s ahead, saying by how much", async () => {
    const old = await expectRefused(await at(-301), 401, "timestamp_too_old");
    expect(old.message).toMatch(/301 s in the past; accepted within ±300 s/);
    const ahead = await expectRefused(await at(301), 401, "timestamp_in_future");
    expect(ahead.message).toMatch(/301 s in the future/);
  });
});

describe("POST /webhooks/webshop: the published contract's worked example (docs/webshop-api.md §9)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is accepted as it stands in the document, signed with the Standard Webhooks example secret", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1795694400 * 1000 + 30_000);
    const request = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "webhook-id": "msg_2Kx7QbRb4pW1n9Z3aYcVdEf",
        "webhook-timestamp": "1795694400",
        "webhook-signature": "v1,Vj6yIvaLvidvB12F5ISfiWAjy8IYUlk7BnoMXEa5ENE=",
      },
      body: '{"type":"product.updated","timestamp":"2026-11-26T12:00:00.000Z","data":{"id":"p_311","version":7}}',
    });
    const { res, sent } = await deliver(request);
    expect(res.status).toBe(202);
    expect(sent).toEqual([
      {
        v: 1,
        kind: "webshop-event",
        webhookId: "msg_2Kx7QbRb4pW1n9Z3aYcVdEf",
        resource: "products",
        id: "p_311",
        version: 7,
      },
    ]);
  });
});

describe("POST /webhooks/webshop: malformed bodies are 400 (after the signature is checked)", () => {
  it("refuses a body that is not JSON", async () => {
    const error = await expectRefused(await signedRequest({ body: "type=customer.updated" }), 400, "malformed_json");
    expect(error.message).toMatch(/not UTF-8 JSON/);
  });

  it("refuses a body that is not UTF-8", async () => {
    // Built by hand: the signer signs text, this body is raw bytes.
    const id = uniqueId();
    const ts = nowSeconds();
    const body = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    const prefix = new TextEncoder().encode(`${id}.${ts}.`);
    const key = await crypto.subtle.importKey(
      "raw",
      Uint8Array.from(atob(SECRET.slice(6)), (c) => c.charCodeAt(0)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new Uint8Array([...prefix, ...body])));
    const request = new Request(WEBHOOK_URL, {
      method: "POST",
      body,
      headers: {
        "webhook-id": id,
        "webhook-timestamp": String(ts),
        "webhook-signature": `v1,${btoa(String.fromCharCode(...mac))}`,
      },
    });
    await expectRefused(request, 400, "malformed_json");
  });

  it("refuses JSON that is not a contract event, listing what is wrong", async () => {
    const cases = [
      { body: JSON.stringify({ timestamp: new Date().toISOString(), data: { id: "c", version: 1 } }), path: "type" },
      { body: JSON.stringify({ type: 7, timestamp: new Date().toISOString(), data: { id: "c" } }), path: "type" },
      {
        body: JSON.stringify({ type: "customer.updated", timestamp: "yesterday", data: { id: "c", version: 1 } }),
        path: "timestamp",
      },
      {
        body: JSON.stringify({ type: "customer.updated", timestamp: new Date().toISOString(), data: { id: "c" } }),
        path: "data.version",
      },
      {
        body: JSON.stringify({
          type: "customer.updated",
          timestamp: new Date().toISOString(),
          data: { id: "", version: 0 },
        }),
        path: "data.id",
      },
      { body: "null", path: "(body)" },
    ];
    for (const c of cases) {
      const error = await expectRefused(await signedRequest({ body: c.body }), 400, "invalid_event");
      expect(error.details).toEqual({ issues: expect.arrayContaining([expect.objectContaining({ path: c.path })]) });
    }
  });

  it("does not parse a body whose signature is wrong: a forged malformed body is 401, not 400", async () => {
    await expectRefused(await signedRequest({ body: "not json", secret: randomSecret() }), 401, "invalid_signature");
  });
});

describe("POST /webhooks/webshop: a signed event of a type the worker does not know (a newer shop)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("answers 200 ignored, logs one line naming the type, and records or queues nothing", async () => {
    const log = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const type of ["customer.merged", "invoice.created"]) {
      const id = uniqueId();
      // A newer shop's event may carry a data shape of its own: only the type is read.
      const body = JSON.stringify({ type, timestamp: "2026-11-26T12:00:00.000Z", data: { id: "c_1", into: "c_2" } });
      const { res, json, sent } = await deliver(await signedRequest({ id, body }));
      expect(res.status).toBe(200);
      expect(json).toEqual({ received: true, webhook_id: id, status: "ignored" });
      expect(sent).toEqual([]);
      expect(await inboxRow(id)).toBeNull();
      expect(log).toHaveBeenCalledWith(expect.stringContaining(`webhook ${id} ignored: type "${type}"`));
    }
  });

  it("is still refused when badly signed: the signature is checked before the type", async () => {
    const body = eventBody("customer.merged");
    await expectRefused(await signedRequest({ body, secret: randomSecret() }), 401, "invalid_signature");
  });

  it("still refuses a known type whose body breaks the contract", async () => {
    const body = JSON.stringify({ type: "customer.updated", timestamp: "soon", data: { id: "c_1", version: 1 } });
    await expectRefused(await signedRequest({ body }), 400, "invalid_event");
  });
});

describe("POST /webhooks/webshop: body size limit", () => {
  /** A signed event padded to exactly `size` bytes. */
  function eventOfSize(size: number): string {
    const skeleton = eventBody("customer.updated", { id: "cus_1", version: 2, pad: "" });
    return skeleton.replace('"pad":""', `"pad":"${"x".repeat(size - skeleton.length)}"`);
  }

  it("accepts a body of exactly the limit", async () => {
    const body = eventOfSize(MAX_WEBHOOK_BODY_BYTES);
    expect(new TextEncoder().encode(body).length).toBe(MAX_WEBHOOK_BODY_BYTES);
    const { res } = await deliver(await signedRequest({ body }));
    expect(res.status).toBe(202);
  });

  it("refuses one byte more with 413, by the bytes read when no Content-Length says so", async () => {
    const body = eventOfSize(MAX_WEBHOOK_BODY_BYTES + 1);
    const signed = await signedRequest({ body });
    const streamed = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: signed.headers,
      body: new Blob([body]).stream(),
    });
    expect(streamed.headers.get("content-length")).toBeNull();
    const error = await expectRefused(streamed, 413, "payload_too_large");
    expect(error.message).toMatch(`larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`);
  });

  it("reads no byte of an oversized body when the headers already refuse it: a stale timestamp is 401, not 413", async () => {
    const signed = await signedRequest({ timestamp: nowSeconds() - 3600 });
    let pulls = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const streamed = new Request(WEBHOOK_URL, {
      method: "POST",
      headers: signed.headers,
      body: new ReadableStream({
        pull(controller) {
          pulls += 1;
          if (pulls > 2 * (MAX_WEBHOOK_BODY_BYTES / chunk.length)) controller.close();
          else controller.enqueue(chunk);
        },
      }),
    });
    const error = await expectRefused(streamed, 401, "timestamp_too_old");
    expect(error.message).toMatch("3600 s in the past");
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("refuses by Content-Length before reading the body", async () => {
    const request = await signedRequest({ headers: { "content-length": String(MAX_WEBHOOK_BODY_BYTES + 1) } });
    const error = await expectRefused(request, 413, "payload_too_large");
    expect(error.message).toMatch(`Content-Length ${MAX_WEBHOOK_BODY_BYTES + 1}`);
  });
});

describe("POST /webhooks/webshop: secret rotation", () => {
  it("accepts the old and the new secret while both are configured, only the new one after", async () => {
    const oldSecret = SECRET;
    const newSecret = randomSecret();
    const rotating = { WEBSHOP_WEBHOOK_SECRET: `${newSecret} ${oldSecret}` };
    for (const secret of [oldSecret, newSecret]) {
      const { res } = await deliver(await signedRequest({ secret }), rotating);
      expect(res.status).toBe(202);
    }
    const rotated = { WEBSHOP_WEBHOOK_SECRET: newSecret };
    expect((await deliver(await signedRequest({ secret: newSecret }), rotated)).res.status).toBe(202);
    await expectRefused(await signedRequest({ secret: oldSecret }), 401, "invalid_signature", rotated);
  });

  it("accepts a header with several signatures when one of them is valid (a shop signing with both)", async () => {
    const id = uniqueId();
    const ts = nowSeconds();
    const body = eventBody();
    const signature = `${await sign(randomSecret(), id, ts, body)} ${await sign(SECRET, id, ts, body)}`;
    const { res } = await deliver(await signedRequest({ id, timestamp: ts, body, signature }));
    expect(res.status).toBe(202);
  });
});

describe("POST /webhooks/webshop: without configuration", () => {
  it("answers 503 so the shop retries later, and records nothing", async () => {
    const error = await expectRefused(await signedRequest(), 503, "not_configured", {
      WEBSHOP_WEBHOOK_SECRET: undefined,
    });
    expect(error.message).not.toContain("whsec_");
  });
});

describe("POST /webhooks/webshop: a version the sync has already", () => {
  const handedOff = (resource: string, id: string, version: number) =>
    env.DB.prepare(
      `INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status,
         processed_at, outcome, handled_version)
       VALUES (?, '2026-11-26T12:00:00.000Z', 'product.updated', ?, ?, ?, 'processed', '2026-11-26T12:00:01.000Z',
         'changed', ?)`,
    )
      .bind(uniqueId(), resource, id, version, version)
      .run();

  it("is answered 202 without a row or a queue message when an earlier event handed it off", async () => {
    const product = uniqueId("prd");
    await handedOff("products", product, 3);
    const id = uniqueId();
    const body = eventBody("product.updated", { id: product, version: 3 });
    const { res, json, sent } = await deliver(await signedRequest({ id, body }));
    expect(res.status).toBe(202);
    expect(json).toEqual({ received: true, webhook_id: id, status: "already-synced" });
    expect(sent).toEqual([]);
    // An echo writes nothing: a redelivery of it is recognised by its version again.
    expect(await inboxRow(id)).toBeNull();
    const again = await deliver(await signedRequest({ id, body }));
    expect(again.json).toEqual({ received: true, webhook_id: id, status: "already-synced" });
    expect(await inboxRow(id)).toBeNull();
  });

  it("is queued when it is newer, or a deletion, or the link's version is not a number", async () => {
    const product = uniqueId("prd");
    await handedOff("products", product, 3);
    const newer = await deliver(
      await signedRequest({ body: eventBody("product.updated", { id: product, version: 4 }) }),
    );
    expect(newer.json).toMatchObject({ status: "queued" });
    expect(newer.sent).toHaveLength(1);
    const deleted = await deliver(
      await signedRequest({ body: eventBody("product.deleted", { id: product, version: 3 }) }),
    );
    expect(deleted.json).toMatchObject({ status: "queued" });
    expect(deleted.sent).toEqual([expect.objectContaining({ deleted: true })]);

    const odd = uniqueId("prd");
    await env.DB.prepare(
      `INSERT INTO links (dataflow, webshop_id, state, webshop_seen, created_at, updated_at)
       VALUES ('products', ?, 'linked', '7x', '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.000Z')`,
    )
      .bind(odd)
      .run();
    const unreadable = await deliver(
      await signedRequest({ body: eventBody("product.updated", { id: odd, version: 1 }) }),
    );
    expect(unreadable.sent).toHaveLength(1);
  });
});
