import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, MAX_THROTTLE_RETRIES } from "../../../../worker/connectors/poweroffice/retry-policy";
import { apiRequests, setup } from "./harness";

const isToken = (request: Request) => /\/OAuth\/Token$/.test(new URL(request.url).pathname);

/** Answers the first `times` API calls with `answer()`, then lets the simulator answer; logs when each call came. */
function interceptApi(times: number, answer: () => Response | Promise<Response>, now: () => number) {
  const calls: number[] = [];
  return {
    calls,
    wrap: (fetch: (r: Request) => Promise<Response>) => async (request: Request) => {
      if (isToken(request)) return fetch(request);
      calls.push(now());
      return calls.length <= times ? answer() : fetch(request);
    },
  };
}

describe("PowerOffice throttling (429)", () => {
  const cases: Array<{ name: string; headers: Record<string, string>; body: string; waitMs: number }> = [
    { name: "Retry-After", headers: { "Retry-After": "3" }, body: "", waitMs: 3000 },
    {
      name: "the body's hint",
      headers: {},
      body: JSON.stringify({ statusCode: 429, message: "Rate limit is exceeded. Try again in 2 seconds." }),
      waitMs: 2000,
    },
    { name: "nothing at all (one second)", headers: {}, body: "", waitMs: 1000 },
  ];
  for (const c of cases) {
    it(`waits as told by ${c.name}, then succeeds without the caller seeing the 429`, async () => {
      let clockNow = () => 0;
      const spy = interceptApi(
        1,
        () => new Response(c.body, { status: 429, headers: c.headers }),
        () => clockNow(),
      );
      const { client, sim, clock } = setup({ wrap: spy.wrap });
      clockNow = clock.now;
      const customer = sim.seed.customer({ Name: "Acme AS" });
      const result = await client.customers.get(customer.Id as number);
      expect(result.ok).toBe(true);
      expect(spy.calls).toHaveLength(2);
      expect(spy.calls[1]! - spy.calls[0]!).toBeGreaterThanOrEqual(c.waitMs);
      expect(spy.calls[1]! - spy.calls[0]!).toBeLessThan(c.waitMs + 1100);
    });
  }

  it("waits out the simulator's own 429s", async () => {
    const { client, sim } = setup();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    sim.faults.add({ kind: "status", status: 429, path: /\/Customers\//, times: 2 });
    const result = await client.customers.get(customer.Id as number);
    expect(result.ok).toBe(true);
    expect(apiRequests(sim).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("gives up after a bounded number of 429s with a typed error", async () => {
    let clockNow = () => 0;
    const spy = interceptApi(
      100,
      () => new Response("", { status: 429, headers: { "Retry-After": "1" } }),
      () => clockNow(),
    );
    const { client, clock } = setup({ wrap: spy.wrap });
    clockNow = clock.now;
    const result = await client.customers.get(1);
    expect(spy.calls).toHaveLength(MAX_THROTTLE_RETRIES + 1);
    expect(result).toMatchObject({ ok: false, error: { kind: "rate-limited", retryAfterMs: 1000 } });
  });
});

describe("PowerOffice retries of 5xx and lost answers", () => {
  it("retries a 5xx with growing, capped, jittered delays, and succeeds", async () => {
    const { client, sim, clock } = setup();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    sim.faults.add({ kind: "status", status: 503, path: /\/Customers\//, times: 2 });
    const result = await client.customers.get(customer.Id as number);
    expect(result.ok).toBe(true);
    expect(apiRequests(sim).map((r) => r.status)).toEqual([503, 503, 200]);
    const backoffs = clock.sleeps.filter((ms) => ms >= 250);
    expect(backoffs).toHaveLength(2);
    expect(backoffs[1]!).toBeGreaterThan(backoffs[0]!);
  });

  it("stops after MAX_ATTEMPTS and reports the server error", async () => {
    const { client, sim } = setup();
    sim.faults.add({ kind: "status", status: 500, path: /\/Customers/, times: Infinity });
    const result = await client.customers.get(1);
    expect(apiRequests(sim)).toHaveLength(MAX_ATTEMPTS);
    expect(result).toMatchObject({ ok: false, error: { kind: "server", status: 500 } });
    if (!result.ok) expect(result.error.message).toMatch(/HTTP 500 on GET \/Customers\/1/);
  });

  it("retries a read whose answer was lost (fetch rejected)", async () => {
    let failures = 1;
    const { client, sim } = setup({
      wrap: (fetch) => async (request) => {
        if (!isToken(request) && failures-- > 0) throw new TypeError("Network connection lost.");
        return fetch(request);
      },
    });
    const customer = sim.seed.customer({ Name: "Acme AS" });
    expect((await client.customers.get(customer.Id as number)).ok).toBe(true);
  });

  it("reports a lost answer after MAX_ATTEMPTS as a network error", async () => {
    let calls = 0;
    const { client } = setup({
      wrap: (fetch) => async (request) => {
        if (isToken(request)) return fetch(request);
        calls++;
        throw new TypeError("Network connection lost.");
      },
    });
    const result = await client.customers.get(1);
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(result).toMatchObject({ ok: false, error: { kind: "network", timedOut: false } });
  });

  for (const [status, kind] of [
    [400, "rejected"],
    [403, "forbidden"],
    [404, "not-found"],
    [409, "conflict"],
  ] as const) {
    it(`does not retry a ${status}`, async () => {
      const { client, sim } = setup();
      const customer = sim.seed.customer({ Name: "Acme AS" });
      sim.faults.add({ kind: "status", status, path: /\/Customers\//, times: 1 });
      const result = await client.customers.get(customer.Id as number);
      expect(apiRequests(sim)).toHaveLength(1);
      expect(result).toMatchObject({ ok: false, error: { kind } });
    });
  }
});
