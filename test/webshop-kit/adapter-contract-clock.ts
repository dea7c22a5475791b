/** Promise 2: the change clock is strictly increasing in COMMIT order, so a feed reader among writers misses nothing. */
import { expect, it } from "vitest";
import type { WebshopAdapter } from "../../webshop-kit/src/adapter";
import { drainEvents } from "./adapter-fixtures";
import { DEFAULT_LOAD, feedUnderConcurrentWriters } from "./concurrent-feed-check";

export function clockContract(setup: () => Promise<WebshopAdapter>): void {
  it("readers paging through the feed while many writers commit at once see every change exactly once", async () => {
    const adapter = await setup();
    expect(await feedUnderConcurrentWriters(adapter)).toEqual([]);
    const records = await adapter.feed("customers", null, 1_000);
    const times = records.map((r) => r.updated_at);
    expect(new Set(times).size).toBe(times.length);
    expect(records).toHaveLength(DEFAULT_LOAD.writers * Math.ceil((DEFAULT_LOAD.writesEach * 2) / 3));
  });

  it("events of concurrent writers are in seq order with strictly increasing change times", async () => {
    const adapter = await setup();
    await feedUnderConcurrentWriters(adapter, { writers: 5, writesEach: 6, readers: 1, pageSize: 10 });
    const events = await drainEvents(adapter);
    expect(events).toHaveLength(30);
    const bySeq = [...events].sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < bySeq.length; i++) expect(bySeq[i]!.at > bySeq[i - 1]!.at).toBe(true);
  });
}
