/**
 * What the webhook tests share: a shop's records and outbox (the memory adapter's MemoryOutbox), a clock the tests
 * move, and a receiving endpoint that is the WORKER's own Standard Webhooks verifier, so every signature the sender
 * makes is proven against the product's receiver.
 */
import * as v from "valibot";
import { WebhookEvent } from "../../../shared/webshop";
import type { ChangeKind, Resource } from "../../../webshop-kit/src/adapter";
import { memoryAdapter } from "../../../webshop-kit/src/adapters/memory";
import { createWebhookSender, type WebhookSenderOptions } from "../../../webshop-kit/src/webhooks";
import { readSignedHeaders, verifySignature } from "../../../worker/webhooks/standard-webhooks";

export const OLD_SECRET = `whsec_${btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))}`;
export const NEW_SECRET = `whsec_${btoa(String.fromCharCode(...new Uint8Array(32).fill(9)))}`;
export const URL = "https://worker.test/webhooks/webshop";
export const T0 = Date.parse("2026-12-01T12:00:00.000Z");

export function testClock(start = T0) {
  let ms = start;
  return { now: () => ms, advance: (by: number) => (ms += by), set: (to: number) => (ms = to) };
}

/**
 * A shop on the kit's memory adapter: `change` is one committed write through the adapter's compare-and-set `write`
 * (version+1, updated_at from the change clock, its outbox event appended), as the kit's handler makes them.
 */
export function testShop(clock = testClock()) {
  const adapter = memoryAdapter();
  const outbox = adapter.events;
  function change(resource: Resource, id: string, kind: ChangeKind, fields: Record<string, unknown> = {}) {
    const current = adapter.records(resource).find((record) => record.id === id);
    const { id: _, version, created_at, updated_at, ...content } = current ?? {};
    const result = adapter.sync.write({
      resource,
      kind,
      id,
      expectedVersion: (version as number | undefined) ?? null,
      content: { external_ids: {}, ...content, ...fields },
      keys: {},
      now: clock.now(),
    });
    if (!result.ok) throw new Error(`test write refused: ${result.reason}`);
    return result.event;
  }
  return { adapter, outbox, change, clock };
}

export type Answer = number | "throw" | "hang";

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  event: WebhookEvent;
}

/**
 * The worker's verifier as an endpoint: 401 when the worker would refuse the signature or timestamp, 400 for a body
 * that is not a contract event, else the next scripted answer (default 204). Only accepted (2xx) events are kept.
 */
export function receiver(options: { secrets: string[]; now: () => number; answers?: Answer[] }) {
  const answers = [...(options.answers ?? [])];
  const accepted: Received[] = [];
  const requests: Request[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request.clone());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const headers = readSignedHeaders(request.headers, options.now());
      if (!headers.ok) return Response.json({ refused: headers.failure }, { status: 401 });
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (!(await verifySignature(options.secrets, headers.signed, bytes))) {
        return Response.json({ refused: "signature-mismatch" }, { status: 401 });
      }
      const body = new TextDecoder().decode(bytes);
      const parsed = v.safeParse(WebhookEvent, JSON.parse(body));
      if (!parsed.success) return Response.json({ refused: "not an event" }, { status: 400 });
      const answer = answers.shift() ?? 204;
      if (answer === "throw") throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
      if (answer === "hang") return await new Promise<Response>(() => {});
      if (answer >= 200 && answer < 300) {
        accepted.push({
          id: headers.signed.id,
          timestamp: headers.signed.timestampText,
          signature: request.headers.get("webhook-signature") ?? "",
          body,
          event: parsed.output,
        });
      }
      return new Response(answer >= 300 ? `refused with ${answer}` : null, { status: answer });
    } finally {
      inFlight--;
    }
  };
  return { fetch, accepted, requests, maxInFlight: () => maxInFlight };
}

/** A sender from `shop` to `endpoint` on the shop's clock; `options` overrides (secrets default [NEW_SECRET]). */
export function senderFor(
  shop: ReturnType<typeof testShop>,
  endpoint: { fetch: (request: Request) => Promise<Response> },
  options: Partial<WebhookSenderOptions> = {},
) {
  return createWebhookSender({
    adapter: shop.adapter,
    url: URL,
    secrets: [NEW_SECRET],
    fetch: endpoint.fetch,
    now: shop.clock.now,
    ...options,
  });
}
