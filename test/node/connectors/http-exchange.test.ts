/**
 * The one HTTP exchange both connectors speak through, driven by each connector's own retry policy: what differs
 * (attempts, how a 429 is waited out, a limiter before each attempt) comes from the policy, the loop is shared.
 */
import { describe, expect, it } from "vitest";
import {
  exchange,
  type HttpRuntime,
  parseJson,
  queryString,
  type RetryPolicy,
  resolveHttpRuntime,
} from "../../../worker/connectors/http-exchange";
import { createRateLimiter } from "../../../worker/connectors/poweroffice/rate-limiter";
import { retryPolicy as powerOfficePolicy } from "../../../worker/connectors/poweroffice/retry-policy";
import { resolveDeps as resolvePowerOffice } from "../../../worker/connectors/poweroffice/runtime";
import { retryPolicy as webshopPolicy } from "../../../worker/connectors/webshop/retry-policy";
import { resolveDeps as resolveWebshop } from "../../../worker/connectors/webshop/runtime";

/** A fetch answering from a script, one entry per request ("lost": it throws), and a fake clock. */
function world(script: (number | "lost" | { status: number; headers: Record<string, string> })[]) {
  let now = Date.UTC(2026, 11, 5);
  const sleeps: number[] = [];
  let sent = 0;
  const rt: HttpRuntime = resolveHttpRuntime(
    {
      fetch: async () => {
        const step = script[Math.min(sent++, script.length - 1)]!;
        if (step === "lost") throw new Error("connection reset");
        const { status, headers } = typeof step === "number" ? { status: step, headers: {} } : step;
        return new Response(status === 204 ? null : "{}", { status, headers });
      },
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      now: () => now,
      random: () => 0.5,
    },
    5_000,
  );
  const { requestTimeoutMs: _, ...outside } = rt;
  return { rt, outside, sleeps, sent: () => sent, now: () => now };
}

const build = (signal: AbortSignal) => new Request("https://api.example/x", { signal });

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 4,
  maxThrottleRetries: 5,
  maxThrottleWaitMs: 60_000,
  throttleWaitMs: () => 1_000,
  ...over,
});

describe("the shared exchange", () => {
  it("re-sends 5xx and lost answers with capped, jittered backoff, up to the policy's attempts", async () => {
    const w = world([503, "lost", 500, 200]);
    const answer = await exchange(w.rt, build, policy());
    expect(answer.ok && answer.response.status).toBe(200);
    expect(answer.attempts).toBe(4);
    expect(w.sleeps).toEqual([375, 750, 1_500]);
  });

  it("hands the last failure back when the attempts are used up; one attempt sends once", async () => {
    const four = world([503]);
    expect(await exchange(four.rt, build, policy())).toMatchObject({ attempts: 4, response: { status: 503 } });
    const once = world(["lost"]);
    expect(await exchange(once.rt, build, policy({ maxAttempts: 1 }))).toMatchObject({ ok: false, attempts: 1 });
    expect(once.sent()).toBe(1);
  });

  it("waits out a 429 as the policy says, before every attempt asks the policy, and gives a long wait back", async () => {
    const w = world([429, 429, 200]);
    const waits: number[] = [];
    let before = 0;
    const answer = await exchange(
      w.rt,
      build,
      policy({
        throttleWaitMs: (_response, throttles) => throttles * 2_000,
        waitOutThrottle: async (ms) => void waits.push(ms),
        beforeAttempt: async () => void before++,
      }),
    );
    expect(answer).toMatchObject({ ok: true, attempts: 3 });
    expect(waits).toEqual([2_000, 4_000]);
    expect(w.sleeps).toEqual([]);
    expect(before).toBe(3);

    const long = world([429, 200]);
    const given = await exchange(long.rt, build, policy({ throttleWaitMs: () => 61_000 }));
    expect(given).toMatchObject({ attempts: 1, response: { status: 429 } });
  });

  it("reads JSON and writes query strings for both connectors", () => {
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson("<html>")).toEqual({ ok: false });
    expect(queryString({ a: "x+y", b: undefined, c: 2 })).toBe("?a=x%2By&c=2");
    expect(queryString({})).toBe("");
  });
});

describe("each connector's policy", () => {
  it("the webshop: Retry-After (seconds or a date), else backoff; 4 attempts of everything", async () => {
    const w = world([
      { status: 429, headers: { "Retry-After": "3" } },
      429,
      { status: 429, headers: { "Retry-After": new Date(Date.UTC(2026, 11, 5, 0, 1)).toUTCString() } },
      503,
      200,
    ]);
    const rt = resolveWebshop({ config: { baseUrl: "https://shop.example/api/", apiToken: "t" }, ...w.outside });
    expect(rt.config.baseUrl).toBe("https://shop.example/api");
    expect(rt.requestTimeoutMs).toBe(30_000);
    const answer = await exchange(rt, build, webshopPolicy(rt));
    expect(answer).toMatchObject({ ok: true, attempts: 5 });
    // 3 s as told; the 2nd 429 without a header: backoff(2); a date 60 s ahead of a clock 3.75 s on: the rest.
    expect(w.sleeps).toEqual([3_000, 750, 60_000 - 3_750, 375]);
  });

  it("PowerOffice: a 429 holds the limiter (at least 1 s) instead of sleeping; a create is not re-sent on 5xx", async () => {
    const w = world([{ status: 429, headers: { "Retry-After": "0" } }, 200]);
    const limiter = createRateLimiter();
    const held: number[] = [];
    const hold = limiter.holdUntil.bind(limiter);
    limiter.holdUntil = (until) => {
      held.push(until - w.now());
      hold(until);
    };
    const config = { subscriptionKey: "k" } as Parameters<typeof resolvePowerOffice>[0]["config"];
    const rt = resolvePowerOffice({
      config,
      cache: { get: async () => null, put: async () => {} },
      limiter,
      ...w.outside,
    });
    expect(rt.requestTimeoutMs).toBe(60_000);
    expect(await exchange(rt, build, powerOfficePolicy(rt, true))).toMatchObject({ ok: true, attempts: 2 });
    expect(held).toEqual([1_000]);

    const create = world([502, 200]);
    const crt = resolvePowerOffice({ config, cache: rt.cache, limiter: createRateLimiter(), ...create.outside });
    expect(await exchange(crt, build, powerOfficePolicy(crt, false))).toMatchObject({
      attempts: 1,
      response: { status: 502 },
    });
    expect(create.sent()).toBe(1);
  });
});
