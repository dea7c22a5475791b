/** The adapter contract's concurrency check can fail: it catches an adapter that stamps without serialising writers. */
import { expect, it } from "vitest";
import { feedUnderConcurrentWriters } from "../../webshop-kit/concurrent-feed-check";
import { unserialisedAdapter } from "../../webshop-kit/unserialised-adapter";

it("an adapter whose writes commit out of their updated_at order makes feed readers miss changes", async () => {
  const problems = await feedUnderConcurrentWriters(unserialisedAdapter());
  expect(problems.some((p) => /never saw/.test(p))).toBe(true);
});
