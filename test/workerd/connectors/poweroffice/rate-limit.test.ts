import { describe, expect, it } from "vitest";
import {
  createRateLimiter,
  REQUESTS_PER_WINDOW,
  WINDOW_MS,
} from "../../../../worker/connectors/poweroffice/rate-limiter";
import { fakeClock } from "../../fake-clock";
import { setup } from "./harness";

/** A fake clock for concurrent sleepers: time jumps to the earliest wake-up once everyone else is waiting. */
function scheduledClock(lateness: (ms: number) => number = () => 0) {
  let now = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => timers.push({ at: now + ms + lateness(ms), wake })),
    async runAll() {
      await settle();
      while (timers.length > 0) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
        await settle();
      }
    },
  };
}

describe("client-side rate limit", () => {
  it("never starts more than 10 requests in any one-second window (scheduled fake clock)", async () => {
    const clock = scheduledClock();
    const limiter = createRateLimiter();
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 35 }, async () => {
        await limiter.acquire(clock);
        starts.push(clock.now());
      }),
    );
    await clock.runAll();
    await all;
    expect(starts).toHaveLength(35);
    starts.sort((a, b) => a - b);
    for (let i = REQUESTS_PER_WINDOW; i < starts.length; i++) {
      expect(starts[i]! - starts[i - REQUESTS_PER_WINDOW]!).toBeGreaterThanOrEqual(WINDOW_MS);
    }
    // ...and does not hold back more than it must: 35 requests fit in a little over three windows.
    expect(starts[34]!).toBeLessThan(3 * (WINDOW_MS + 100));
  });

  it("keeps the window against real starts when a busy event loop wakes sleepers late, together with the next ones", async () => {
    // The second window's sleepers wake 900 ms late, close to the third window's, which wake on time.
    let sleeps = 0;
    const clock = scheduledClock(() => (sleeps++ < REQUESTS_PER_WINDOW ? 900 : 0));
    const limiter = createRateLimiter();
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 3 * REQUESTS_PER_WINDOW }, async () => {
        await limiter.acquire(clock);
        starts.push(clock.now());
      }),
    );
    await clock.runAll();
    await all;
    starts.sort((a, b) => a - b);
    for (let i = REQUESTS_PER_WINDOW; i < starts.length; i++) {
      expect(starts[i]! - starts[i - REQUESTS_PER_WINDOW]!).toBeGreaterThanOrEqual(WINDOW_MS);
    }
  });

  it("holds everyone after a 429 until the wait is over", async () => {
    const clock = fakeClock(0);
    const limiter = createRateLimiter();
    limiter.holdUntil(5_000);
    await limiter.acquire(clock);
    expect(clock.now()).toBe(5_000);
  });

  it("lets no 429 reach the caller under a burst of 100 concurrent calls against 10 requests/s (real time)", async () => {
    const { client, sim } = setup({ realTime: true, sim: { rateLimitPerSecond: 10 } });
    const customer = sim.seed.customer({ Name: "Acme AS" });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 100 }, () => client.customers.get(customer.Id as number)));
    const elapsed = Date.now() - started;
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(sim.tokensIssued()).toBe(1);
    expect(sim.requests.filter((r) => r.status === 429)).toEqual([]);
    // 101 requests (one token call) at 10/s cannot take much under ten seconds if the limit held.
    expect(elapsed).toBeGreaterThan(9_000);
  }, 30_000);
});
