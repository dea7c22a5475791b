/**
 * The kit's idempotency runner over an adapter's idempotency store (the memory adapter's here): what is kept, what is
 * released, and how a second request with a running key waits (these moved here from the reference webshop's own
 * store, which the kit replaced).
 */
import { describe, expect, it } from "vitest";
import { memoryAdapter } from "../../../webshop-kit/src/adapters/memory/index";
import { IDEMPOTENCY_TIMES, runIdempotent } from "../../../webshop-kit/src/api/idempotency";

const now = () => 0;
const answer = (status: number) => async () => new Response(`{"status":${status}}`, { status });
const request = (scope: string, key: string, body: string) => ({ scope, key, body, now });

describe("runIdempotent", () => {
  it("does not keep a 5xx answer: the next request with the key runs anew", async () => {
    const store = memoryAdapter().idempotency;
    expect((await runIdempotent(store, request("t/customers", "k", "{}"), answer(503))).status).toBe(503);
    const second = await runIdempotent(store, request("t/customers", "k", "{}"), answer(201));
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
  });

  it("does not keep 401, 403 or 429 (they say nothing about the request); keeps a 400", async () => {
    const store = memoryAdapter().idempotency;
    for (const status of [401, 403, 429]) {
      await runIdempotent(store, request("s", `k${status}`, "{}"), answer(status));
      const again = await runIdempotent(store, request("s", `k${status}`, "{}"), answer(201));
      expect(again.status).toBe(201);
    }
    await runIdempotent(store, request("s", "bad", "{}"), answer(400));
    const replayed = await runIdempotent(store, request("s", "bad", "{}"), answer(201));
    expect([replayed.status, replayed.headers.get("idempotent-replayed")]).toEqual([400, "true"]);
  });

  it("a waiting request runs itself when the first ends in 5xx or throws", async () => {
    const store = memoryAdapter().idempotency;
    let release = () => {};
    const slow = runIdempotent(
      store,
      request("s", "k", "{}"),
      () => new Promise<Response>((resolve) => (release = () => resolve(new Response(null, { status: 500 })))),
    );
    let ran = false;
    const waiting = runIdempotent(store, request("s", "k", "{}"), async () => {
      ran = true;
      return new Response(null, { status: 201 });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
    release();
    expect((await slow).status).toBe(500);
    expect((await waiting).status).toBe(201);
    expect(ran).toBe(true);
    await expect(
      runIdempotent(store, request("s", "x", "{}"), () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect((await runIdempotent(store, request("s", "x", "{}"), answer(201))).status).toBe(201);
  });

  it("a request whose key stays running past the wait answers 409 idempotency_in_progress with Retry-After", async () => {
    const store = memoryAdapter().idempotency;
    const times = { ...IDEMPOTENCY_TIMES, waitMs: 50 };
    let release = () => {};
    const slow = runIdempotent(
      store,
      request("s", "k", "{}"),
      () => new Promise<Response>((resolve) => (release = () => resolve(new Response("{}", { status: 201 })))),
      times,
    );
    const second = await runIdempotent(store, request("s", "k", "{}"), answer(201), times);
    expect(second.status).toBe(409);
    expect(second.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("idempotency_in_progress");
    release();
    expect((await slow).status).toBe(201);
  });

  it("scopes keys (the kit passes token + resource as the scope)", async () => {
    const store = memoryAdapter().idempotency;
    await runIdempotent(store, request("token-a/customers", "k", "{}"), answer(201));
    const other = await runIdempotent(store, request("token-b/customers", "k", '{"x":1}'), answer(201));
    expect(other.headers.get("idempotent-replayed")).toBeNull();
  });
});
