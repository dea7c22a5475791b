/** The outbox: one event per committed write, due in seq order, one record's events one at a time. */
import { expect, it } from "vitest";
import type { WebshopAdapter } from "../../webshop-kit/src/adapter";
import { allDue, created, customer, drainEvents, T0, updateWrite, written } from "./adapter-fixtures";

export function outboxContract(setup: () => Promise<WebshopAdapter>): void {
  it("every committed write appends one event with a unique id; seq follows commit order and the change times", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_a", customer("A"));
    await created(adapter, "customers", "cus_b", customer("B"));
    written(await adapter.write(updateWrite(a, "customers", customer("A2"))));
    const events = await allDue(adapter);
    // Due shows one event per record at a time; the update of cus_a waits behind its create.
    expect(events.map((e) => [e.recordId, e.kind])).toEqual([
      ["cus_a", "created"],
      ["cus_b", "created"],
    ]);
    await adapter.outbox.attempted(events[0]!.seq, {
      state: "delivered",
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
    });
    const rest = await allDue(adapter);
    expect(rest.map((e) => [e.recordId, e.kind, e.version])).toEqual([
      ["cus_b", "created", 1],
      ["cus_a", "updated", 2],
    ]);
    const all = [events[0]!, ...rest];
    expect(new Set(all.map((e) => e.eventId)).size).toBe(3);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((x, y) => x - y));
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort());
  });

  it("an event is due at its write's now at the latest; due answers at most limit, in seq order", async () => {
    const adapter = await setup();
    for (let i = 1; i <= 4; i++) await created(adapter, "customers", `cus_${i}`, customer(`N${i}`), T0 + i * 1_000);
    expect((await adapter.outbox.due(T0 + 4_000, 10)).map((e) => e.recordId)).toEqual([
      "cus_1",
      "cus_2",
      "cus_3",
      "cus_4",
    ]);
    expect((await adapter.outbox.due(T0 + 10_000, 3)).map((e) => e.recordId)).toEqual(["cus_1", "cus_2", "cus_3"]);
  });

  it("a retry waits until nextAttemptAt and holds back its record's later events, not other records'", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_a", customer("A"));
    written(await adapter.write(updateWrite(a, "customers", customer("A2"))));
    await created(adapter, "customers", "cus_b", customer("B"));
    const [first] = await adapter.outbox.due(T0, 10);
    await adapter.outbox.attempted(first!.seq, {
      state: "pending",
      attempts: 1,
      nextAttemptAt: T0 + 5_000,
      lastError: "HTTP 503",
    });
    expect((await adapter.outbox.due(T0 + 4_999, 10)).map((e) => e.recordId)).toEqual(["cus_b"]);
    const later = await adapter.outbox.due(T0 + 5_000, 10);
    expect(later.map((e) => [e.recordId, e.kind])).toEqual([
      ["cus_a", "created"],
      ["cus_b", "created"],
    ]);
    expect(later[0]).toMatchObject({ seq: first!.seq, attempts: 1, nextAttemptAt: T0 + 5_000, lastError: "HTTP 503" });
  });

  it("an event given up (failed) or delivered leaves due(), and its record's next event follows", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_a", customer("A"));
    const a2 = written(await adapter.write(updateWrite(a, "customers", customer("A2")))).record;
    written(await adapter.write(updateWrite(a2, "customers", customer("A3"))));
    const [created1] = await allDue(adapter);
    await adapter.outbox.attempted(created1!.seq, {
      state: "failed",
      attempts: 6,
      nextAttemptAt: null,
      lastError: "x",
    });
    const [updated2] = await allDue(adapter);
    expect(updated2).toMatchObject({ recordId: "cus_a", version: 2 });
    await adapter.outbox.attempted(updated2!.seq, {
      state: "delivered",
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
    });
    expect((await allDue(adapter)).map((e) => e.version)).toEqual([3]);
  });

  it("a refused write appends no event", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_a", customer("A"));
    const stale = { ...a, version: 9 };
    expect((await adapter.write(updateWrite(stale, "customers", customer("Z")))).ok).toBe(false);
    expect((await drainEvents(adapter)).map((e) => e.kind)).toEqual(["created"]);
  });

  it("claim takes a due event for one attempt: a lease that hides it from due() until it ends; the same claim again fails", async () => {
    const adapter = await setup();
    await created(adapter, "customers", "cus_a", customer("A"));
    const [event] = await adapter.outbox.due(T0, 10);
    const seen = { attempts: event!.attempts, nextAttemptAt: event!.nextAttemptAt };
    expect(await adapter.outbox.claim(event!.seq, seen, T0 + 30_000)).toBe(true);
    expect(await adapter.outbox.claim(event!.seq, seen, T0 + 30_000)).toBe(false);
    expect(await adapter.outbox.due(T0 + 29_999, 10)).toEqual([]);
    const again = await adapter.outbox.due(T0 + 30_000, 10);
    expect(again).toMatchObject([{ seq: event!.seq, attempts: 0, nextAttemptAt: T0 + 30_000 }]);
    expect(await adapter.outbox.claim(event!.seq, { attempts: 1, nextAttemptAt: T0 + 30_000 }, T0 + 60_000)).toBe(
      false,
    );
    await adapter.outbox.attempted(event!.seq, {
      state: "delivered",
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
    });
    expect(await adapter.outbox.claim(event!.seq, { attempts: 1, nextAttemptAt: null }, T0 + 90_000)).toBe(false);
  });

  it("of many senders claiming one event at once exactly one takes it", async () => {
    const adapter = await setup();
    await created(adapter, "customers", "cus_a", customer("A"));
    const [event] = await adapter.outbox.due(T0, 10);
    const seen = { attempts: event!.attempts, nextAttemptAt: event!.nextAttemptAt };
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => adapter.outbox.claim(event!.seq, seen, T0 + 30_000 + i)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
}
