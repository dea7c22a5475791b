/** The clock the connector tests hand to a client and a simulator, so that retries and waits take no real time. */

/**
 * Time that moves only when someone sleeps (or the test advances it): each sleep returns at once and moves the
 * clock on by its length; `sleeps` lists every wait asked for.
 */
export function fakeClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += Math.max(0, ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}
