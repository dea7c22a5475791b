/** Idempotency keys: claim, complete, release, expiry, mismatch, and one winner among concurrent claims. */
import { expect, it } from "vitest";
import type { StoredAnswer, WebshopAdapter } from "../../webshop-kit/src/adapter";
import { T0 } from "./adapter-fixtures";

const RUNNING_TTL = 60_000;
const TTL = 24 * 60 * 60 * 1000;
const answer: StoredAnswer = {
  status: 201,
  headers: [
    ["content-type", "application/json"],
    ["location", "/customers/cus_1"],
  ],
  body: '{"id":"cus_1","name":"Kari Nordmann ÆØÅ"}',
};

export function idempotencyContract(setup: () => Promise<WebshopAdapter>): void {
  it("a first claim runs; the same key and body while it runs is running; another body is a mismatch", async () => {
    const { idempotency } = await setup();
    expect(await idempotency.claim("tok:customers", "k1", "fp-a", T0, RUNNING_TTL)).toEqual({ state: "first" });
    expect(await idempotency.claim("tok:customers", "k1", "fp-a", T0 + 1, RUNNING_TTL)).toEqual({ state: "running" });
    expect(await idempotency.claim("tok:customers", "k1", "fp-b", T0 + 1, RUNNING_TTL)).toEqual({ state: "mismatch" });
    expect(await idempotency.claim("tok:products", "k1", "fp-b", T0 + 1, RUNNING_TTL)).toEqual({ state: "first" });
  });

  it("a completed answer is given back for the same body until its ttl ends; another body is a mismatch", async () => {
    const { idempotency } = await setup();
    await idempotency.claim("s", "k1", "fp-a", T0, RUNNING_TTL);
    await idempotency.complete("s", "k1", answer, T0 + 100, TTL);
    expect(await idempotency.claim("s", "k1", "fp-a", T0 + 200, RUNNING_TTL)).toEqual({
      state: "done",
      fingerprint: "fp-a",
      answer,
    });
    expect(await idempotency.claim("s", "k1", "fp-b", T0 + TTL, RUNNING_TTL)).toEqual({ state: "mismatch" });
    expect(await idempotency.claim("s", "k1", "fp-b", T0 + 100 + TTL, RUNNING_TTL)).toEqual({ state: "first" });
  });

  it("a released claim is forgotten: the next claim runs anew", async () => {
    const { idempotency } = await setup();
    await idempotency.claim("s", "k1", "fp-a", T0, RUNNING_TTL);
    await idempotency.release("s", "k1");
    expect(await idempotency.claim("s", "k1", "fp-b", T0 + 1, RUNNING_TTL)).toEqual({ state: "first" });
  });

  it("a running claim older than runningTtlMs counts as absent", async () => {
    const { idempotency } = await setup();
    await idempotency.claim("s", "k1", "fp-a", T0, RUNNING_TTL);
    expect(await idempotency.claim("s", "k1", "fp-a", T0 + RUNNING_TTL - 1, RUNNING_TTL)).toEqual({ state: "running" });
    expect(await idempotency.claim("s", "k1", "fp-a", T0 + RUNNING_TTL, RUNNING_TTL)).toEqual({ state: "first" });
  });

  it("of many claims of one key at once exactly one is first", async () => {
    const { idempotency } = await setup();
    const claims = await Promise.all(
      Array.from({ length: 12 }, () => idempotency.claim("s", "same-key", "fp-a", T0, RUNNING_TTL)),
    );
    expect(claims.filter((c) => c.state === "first")).toHaveLength(1);
    expect(claims.filter((c) => c.state === "running")).toHaveLength(11);
  });
}
