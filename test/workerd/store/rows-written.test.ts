/**
 * D1 bills every row a statement writes: the table's row, each index entry it adds, moves or removes, and every row a
 * trigger writes (https://developers.cloudflare.com/d1/platform/pricing/). The local D1 reports the same count in
 * meta.rows_written, so these tests hold the store's writes of one record to what they must cost.
 */
import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import { claimName } from "../../../worker/core/ports";
import { readHealthDetails } from "../../../worker/status/health-details";
import { createD1Store } from "../../../worker/store/d1-store";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import { aFullLink, aLink, anEntry, T0 } from "../../store-contract/fixtures";
import { countingDb } from "./counting-db";

const tally = { written: 0, read: 0 };
const store = () => createD1Store(countingDb(env.DB, tally), { clock: { now: () => T0 } });
const written = async (write: () => Promise<unknown>) => {
  tally.written = 0;
  tally.read = 0;
  await write();
  return tally.written;
};

beforeEach(async () => {
  await env.DB.batch(
    ["links", "leases", "activity_log", "webhook_inbox"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
});

it("a pending link of one side's record costs its row, its id counter and the index entries of what it holds", async () => {
  const s = store();
  const pending = aLink({ matchKeys: { poweroffice: "987654321", webshop: null } });
  // The row, the AUTOINCREMENT counter, (dataflow, poweroffice_id), (dataflow, webshop_id) holding the partner's
  // NULL (a UNIQUE table constraint), links_state, links_dataflow and links_match_key_po. No search row of its own.
  expect(await written(() => s.links.insertPending(pending))).toBe(7);
});

it("a commit rewrites only the index entries of the columns whose values it changes", async () => {
  const s = store();
  const link = await s.links.insertPending(aLink({ matchKeys: { poweroffice: "987654321", webshop: null } }));
  const linked = {
    ...link,
    state: "linked" as const,
    ids: { poweroffice: link.ids.poweroffice, webshop: "cus_1" },
    snapshots: { poweroffice: { name: "Fjordbygg AS" }, webshop: { name: "Fjordbygg AS" } },
    seen: { poweroffice: "2026-05-01T08:00:00.000Z", webshop: "3" },
  };
  // The row and its (dataflow, webshop_id) entry moved from NULL to the new id; linked has no links_state entry.
  expect(await written(() => s.commit({ links: [linked], activity: [] }))).toBe(2);

  const again = (await s.links.get(link.id))!;
  // Nothing indexed changed (only what was seen): the row alone.
  const seenOnly = { ...again, seen: { poweroffice: "2026-05-01T09:00:00.000Z", webshop: "4" } };
  expect(await written(() => s.commit({ links: [seenOnly], activity: [] }))).toBe(1);

  // Found by its new text, not its old, at no extra row for the search.
  const renamed = {
    ...(await s.links.get(link.id))!,
    snapshots: { poweroffice: { name: "Nordlys AS" }, webshop: null },
  };
  expect(await written(() => s.commit({ links: [renamed], activity: [] }))).toBe(1);
  expect((await s.links.list({ search: "nordlys", limit: 5 })).map((l) => l.id)).toEqual([link.id]);
  expect(await s.links.list({ search: "fjordbygg", limit: 5 })).toEqual([]);
});

it("an engine activity entry writes no entry in the webhook consumer's record index", async () => {
  const s = store();
  const link = await s.links.insertPending(aLink());
  // The row, the AUTOINCREMENT counter, activity_log_dataflow and activity_log_link.
  expect(await written(() => s.commit({ links: [], activity: [anEntry({ linkId: link.id })] }))).toBe(4);
});

it("a commit's activity entries and held links write their id counters once per commit, not once per row", async () => {
  const s = store();
  const link = await s.links.insertPending(aLink());
  const entries = Array.from({ length: 10 }, (_, i) => anEntry({ linkId: link.id, message: `entry ${i}` }));
  // Each entry's row, activity_log_dataflow and activity_log_link; the AUTOINCREMENT counter once.
  expect(await written(() => s.commit({ links: [], activity: entries }))).toBe(10 * 3 + 1);

  const held = Array.from({ length: 10 }, (_, i) =>
    aLink({
      ids: { poweroffice: `${70_000 + i}`, webshop: null },
      matchKeys: { poweroffice: `key-${i}`, webshop: null },
    }),
  );
  // Each link as a pending one costs without its counter (6: the row, both UNIQUE entries, links_state,
  // links_dataflow, links_match_key_po); the counter once.
  expect(await written(() => s.commit({ links: [], activity: [], holdLinks: held }))).toBe(10 * 6 + 1);
  const heldIds = new Set(held.map((h) => h.ids.poweroffice));
  const stored = (await s.links.list({ limit: 50 })).filter((l) => heldIds.has(l.ids.poweroffice));
  expect(stored.map((l) => [l.ids.poweroffice, l.matchKeys.poweroffice, l.state])).toEqual(
    held.map((h) => [h.ids.poweroffice, h.matchKeys.poweroffice, "pending"]),
  );
  // Ids follow the order of the commit, as one statement per link gave them.
  expect(stored.map((l) => l.id)).toEqual([...stored.map((l) => l.id)].sort((a, b) => a - b));
});

it("the cron's move of a cursor past a page of echoes writes the cursor's row only: 1, where lease and commit were 3", async () => {
  const s = store();
  const cursor = { dataflow: "customers" as const, side: "webshop" as const };
  await s.commit({ links: [], activity: [], cursor: { ...cursor, value: { after: "a" } } });
  const move = { from: { after: "a" }, to: { after: "b" }, lease: "poll:customers:webshop", nowMs: T0 };
  expect(await written(() => s.cursors.skip(cursor.dataflow, cursor.side, move))).toBe(1);
  // Refused (it moved on already): nothing written.
  expect(await written(() => s.cursors.skip(cursor.dataflow, cursor.side, move))).toBe(0);
});

it("a claim on a link and its release write one row each", async () => {
  const s = store();
  const link = await s.links.insertPending(aLink());
  expect(await written(() => s.links.claim(link.id, link.rev ?? 0, "run-1", 60_000, T0))).toBe(1);
  expect(await written(() => s.leases.release(claimName(link.id), "run-1"))).toBe(1);
});

it("a claim taken with its link's pending write, or given back with its commit, writes no row of its own", async () => {
  const s = store();
  // The insert of a pending link with its claim: the insert's 7 rows, as without one (link-claim-sql.ts).
  const inserted = await s.links.insertPending(aLink({ matchKeys: { poweroffice: "55", webshop: null } }));
  let claimed: Awaited<ReturnType<typeof s.links.insertPending>> | undefined;
  const claim = { holder: "run-1", ttlMs: 20_000, nowMs: T0 };
  expect(await written(async () => (claimed = await s.links.insertPending(aLink(), claim)))).toBe(6);
  expect(claimed?.claimed).toBe(true);
  // The same link again (the record's link was there first): claimed by an update of its own, free or not.
  expect(await s.links.insertPending({ ...aLink(), ids: claimed!.ids }, { ...claim, holder: "run-2" })).toMatchObject({
    id: claimed!.id,
    claimed: false,
  });

  // The create's reference written with the claim (Commit.claim): the link's update only, 1 row.
  const withReference = { ...inserted, reference: "po-customers-55" };
  const commitClaim = { linkId: inserted.id, holder: "run-1", ttlMs: 20_000, nowMs: T0 };
  expect(await written(() => s.commit({ links: [withReference], activity: [], claim: commitClaim }))).toBe(1);
  expect(await s.leases.acquire(claimName(inserted.id), "run-2", 20_000, T0 + 1)).toBe(false);

  // Its confirmation gives the claim back in the same update: 1 row, and the claim is free.
  const confirmed = { ...withReference, rev: (inserted.rev ?? 0) + 1, attempts: 1 };
  expect(await written(() => s.commit({ links: [confirmed], activity: [], releaseHolder: "run-1" }))).toBe(1);
  expect(await s.leases.acquire(claimName(inserted.id), "run-2", 20_000, T0 + 1)).toBe(true);
});

it("a commit gives back its holder's claims on the links it names and no one else's", async () => {
  const s = store();
  const [mine, other, written1, theirs] = [aLink(), aLink(), aLink(), aLink()];
  const links = [];
  for (const link of [mine, other, written1, theirs]) links.push(await s.links.insertPending(link));
  const [a, b, c, d] = links as [(typeof links)[0], (typeof links)[0], (typeof links)[0], (typeof links)[0]];
  for (const link of [a, b, c]) expect(await s.links.claim(link.id, link.rev ?? 0, "run-1", 20_000, T0)).toBe(true);
  expect(await s.links.claim(d.id, d.rev ?? 0, "run-2", 20_000, T0)).toBe(true);
  // c is written (its claim goes back in its update), a and d are named apart: a's is given back (1 row), d's is
  // run-2's and stays; b is not named and stays claimed.
  const commit = { links: [{ ...c, attempts: 1 }], activity: [], releaseHolder: "run-1", releaseLinks: [a.id, d.id] };
  expect(await written(() => s.commit(commit))).toBe(2);
  const holders = await env.DB.prepare("SELECT id, claim_holder FROM links ORDER BY id").all();
  expect(holders.results).toEqual([
    { id: a.id, claim_holder: null },
    { id: b.id, claim_holder: "run-1" },
    { id: c.id, claim_holder: null },
    { id: d.id, claim_holder: "run-2" },
  ]);
});

it("a commit writes every changed column, whether or not the writing store read the link", async () => {
  for (const readFirst of [true, false]) {
    const link = await store().links.insertPending(aLink({ matchKeys: { poweroffice: "987654321", webshop: null } }));
    const changed = {
      ...link,
      state: "error" as const,
      ids: { poweroffice: `${link.ids.poweroffice}-b`, webshop: `cus_${link.id}` },
      matchKeys: { poweroffice: "123", webshop: "123" },
      nextRetryAt: "2026-05-01T09:00:00.000Z",
      attempts: 2,
      snapshots: { poweroffice: { name: `Havbris ${readFirst ? "Nord" : "Sør"} AS` }, webshop: null },
    };
    const writer = store();
    if (readFirst) await writer.links.get(link.id);
    await writer.commit({ links: [changed], activity: [] });
    const stored = (await store().links.get(link.id))!;
    expect({ ...stored, rev: 0, updatedAt: "" }).toEqual({ ...changed, rev: 0, updatedAt: "" });
    expect(stored.rev).toBe(1);
    const term = `havbris ${readFirst ? "nord" : "sør"}`;
    expect((await store().links.list({ search: term, limit: 5 })).map((l) => l.id)).toEqual([link.id]);
  }
});

it("a commit of a link the store did not read sets each indexed column by an update that writes only on a change", async () => {
  const link = await store().links.insertPending(aLink());
  const conflict = { ...link, state: "conflict" as const };
  // The upsert's row, then the row and its links_state entry again for the one indexed column that changed.
  expect(await written(() => store().commit({ links: [conflict], activity: [] }))).toBe(3);
  expect((await store().links.get(link.id))!.state).toBe("conflict");
});

it("a webhook delivery's inbox row is written into only the index that finds it in its present status", async () => {
  const inbox = d1WebhookInbox(countingDb(env.DB, tally));
  const event = { type: "customer.updated" as const, resource: "customers" as const, id: "cus_7", version: 3 };
  // The row, which is its webhook_id key (WITHOUT ROWID), and webhook_inbox_unqueued (the sweep's).
  expect(await written(() => inbox.record("msg_1", event, "2026-05-01T08:00:00.000Z"))).toBe(2);
  // The row, and its entry in webhook_inbox_settled (pruning); the one in webhook_inbox_unqueued goes (D1 counts a
  // removed entry as none).
  expect(await written(() => inbox.markQueued(["msg_1"], "2026-05-01T08:00:01.000Z"))).toBe(2);
  // The row, its entry in webhook_inbox_record (what was handed off) added, and its entry in webhook_inbox_settled
  // written again: SQLite rewrites a partial index's entry when a column of its WHERE (status) changes.
  const handOff = { outcome: "changed" as const, version: 3 };
  expect(await written(() => inbox.markProcessed("msg_1", handOff, "2026-05-01T08:00:02.000Z"))).toBe(3);
  expect(await inbox.handedOff("customers", "cus_7")).toEqual({ version: 3, deleted: false });
  // An echo of a version the sync has seen writes no row at all (docs/webhooks.md).
  expect(await written(() => inbox.record("msg_2", event, "2026-05-01T08:00:03.000Z"))).toBe(0);
  expect(await inbox.get("msg_2")).toBeNull();
});

it("an event whose record's link has seen its version is settled by deleting its row: 1 row, not 3 and a prune", async () => {
  const inbox = d1WebhookInbox(countingDb(env.DB, tally));
  const seen = { poweroffice: null, webshop: "4" };
  await store().links.insertPending(aLink({ ids: { poweroffice: "77", webshop: "cus_77" }, seen }));
  const event = { type: "customer.updated" as const, resource: "customers" as const, id: "cus_77", version: 5 };
  await inbox.record("msg_7", event, "2026-05-01T08:00:00.000Z");
  await inbox.record("msg_8", { ...event, version: 7 }, "2026-05-01T08:00:00.000Z");
  // The engine synced version 6 of the record: its link has seen it.
  await env.DB.prepare("UPDATE links SET webshop_seen = '6' WHERE webshop_id = 'cus_77'").run();
  // Handed off at 6: the row alone is written (deleted); its index entry's removal counts as none.
  const handOff = { outcome: "changed" as const, version: 6 };
  expect(await written(() => inbox.markProcessed("msg_7", handOff, "2026-05-01T08:00:02.000Z"))).toBe(1);
  expect(await inbox.get("msg_7")).toBeNull();
  // Handed off at a version the link has not seen (the engine left it for a retry): kept 'processed', as before.
  await inbox.markProcessed("msg_8", { outcome: "changed", version: 7 }, "2026-05-01T08:00:02.000Z");
  expect(await inbox.get("msg_8")).toMatchObject({ status: "processed" });
  expect(await inbox.handedOff("customers", "cus_77")).toEqual({ version: 7, deleted: false });
});

it("an echo that arrived while its write was being committed costs 3 rows in all: recorded, then deleted", async () => {
  const inbox = d1WebhookInbox(countingDb(env.DB, tally));
  const event = { type: "customer.updated" as const, resource: "customers" as const, id: "cus_9", version: 4 };
  expect(await written(() => inbox.record("msg_5", event, "2026-05-01T08:00:00.000Z"))).toBe(2);
  // The sweep found its version seen: the row is deleted (D1 counts the row; its removed index entry counts as none).
  expect(await written(() => inbox.forgetSeen(["msg_5"]))).toBe(1);
  expect(await inbox.get("msg_5")).toBeNull();
  // A row that left 'received' meanwhile (the consumer took it) is not the sweep's to forget.
  await inbox.record("msg_6", { ...event, version: 5 }, "2026-05-01T08:00:00.000Z");
  await inbox.markQueued(["msg_6"], "2026-05-01T08:00:01.000Z");
  expect(await written(() => inbox.forgetSeen(["msg_6"]))).toBe(0);
  expect(await inbox.get("msg_6")).toMatchObject({ status: "queued" });
});

it("the inbox's queries by status still read through those indexes", async () => {
  const seen: string[] = [];
  const recording = new Proxy(env.DB, {
    get(target, name) {
      if (name === "prepare")
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      const value = Reflect.get(target, name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const inbox = d1WebhookInbox(recording);
  await inbox.handedOff("customers", "cus_7");
  await inbox.stranded("2026-05-01T08:00:00.000Z", 10);
  await inbox.awaiting("customers", ["cus_8", "cus_9"], "2026-05-01T07:59:30.000Z");
  await inbox.record(
    "msg_3",
    { type: "customer.updated", resource: "customers", id: "cus_8", version: 1 },
    "2026-05-01T08:00:00.000Z",
  );
  const plan = async (sql: string, binds: unknown[]) =>
    (
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>()
    ).results
      .map((r) => r.detail)
      .join("\n");
  const handed = seen.find((s) => s.includes("MAX(handled_version) AS version"))!;
  expect(await plan(handed, ["customers", "cus_7"])).toMatch(/USING (COVERING )?INDEX webhook_inbox_record/);
  const stranded = seen.find((s) => s.includes("status = 'received' AND received_at"))!;
  const dataflows = JSON.stringify({
    customers: ["customers", "departments"],
    products: ["products"],
    orders: ["orders"],
  });
  const strandedPlan = await plan(stranded, ["2026-05-01T08:00:00.000Z", 10, dataflows]);
  expect(strandedPlan).toMatch(/USING INDEX webhook_inbox_unqueued/);
  // Each row's seen version: its link by the side's id, and its handed-off versions by the record index.
  expect(strandedPlan).toMatch(/links USING INDEX sqlite_autoindex_links_\d/);
  expect(strandedPlan).toMatch(/USING (COVERING )?INDEX webhook_inbox_record/);
  // The cron's look for events a webhook's invocation is syncing right now: the rows still 'received' only.
  const awaiting = seen.find((s) => s.includes("MAX(version) AS version FROM webhook_inbox"))!;
  const awaitingPlan = await plan(awaiting, ["customers", '["cus_8","cus_9"]', "2026-05-01T07:59:30.000Z"]);
  expect(awaitingPlan).toMatch(/webhook_inbox USING INDEX webhook_inbox_unqueued \(received_at>\?\)/);
  const intake = seen.find((s) => s.includes("INSERT OR IGNORE INTO webhook_inbox"))!;
  const intakeBinds = [
    "msg_4",
    "2026-05-01T08:00:00.000Z",
    "customer.updated",
    "customers",
    "cus_8",
    1,
    '["customers"]',
    0,
    // The create's echo guard (writer-in-flight.ts): the PowerOffice record the shop record names, and now.
    "customers",
    "501",
    1_790_000_000_000,
  ];
  const intakePlan = await plan(intake, intakeBinds);
  expect(intakePlan).toMatch(/USING (COVERING )?INDEX webhook_inbox_record/);
  // The guard finds the origin's link, and its claim in it, by its UNIQUE PowerOffice id: no scan.
  expect(intakePlan).not.toMatch(/SCAN (links|leases)/);
  await inbox.markProcessed("msg_4", { outcome: "changed", version: 1 }, "2026-05-01T08:00:01.000Z");
  const settle = seen.find((s) => s.includes("DELETE FROM webhook_inbox AS w"))!;
  const settlePlan = await plan(settle, ["msg_4", "changed", 1, dataflows]);
  expect(settlePlan).not.toMatch(/SCAN (links|webhook_inbox)/);
  await inbox.prune("2026-05-01T08:00:00.000Z");
  const prune = seen.find((s) => s.includes("DELETE FROM webhook_inbox WHERE received_at"))!;
  expect(await plan(prune, ["2026-05-01T08:00:00.000Z"])).toMatch(/USING INDEX webhook_inbox_settled/);
});

it("a link that becomes linked, the common state, leaves links_state and writes only its row", async () => {
  const s = store();
  const link = await s.links.insertPending(aLink());
  expect(await written(() => s.commit({ links: [{ ...link, state: "linked" }], activity: [] }))).toBe(1);
  const conflict = (await s.links.get(link.id))!;
  // Back into a state the admin filters by: the row and its links_state entry.
  expect(await written(() => s.commit({ links: [{ ...conflict, state: "conflict" }], activity: [] }))).toBe(2);
  expect((await s.links.list({ state: "conflict", limit: 5 })).map((l) => l.id)).toEqual([link.id]);
  expect((await s.links.list({ state: "linked", limit: 5 })).map((l) => l.id)).toEqual([]);
});

it("the queries by a state other than linked still read through links_state", async () => {
  const seen: string[] = [];
  const recording = new Proxy(env.DB, {
    get(target, name) {
      if (name === "prepare")
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      const value = Reflect.get(target, name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  await createD1Store(recording).links.list({ dataflow: "orders", state: "pending", limit: 5 });
  await readHealthDetails(recording, T0);
  const plan = async (sql: string, binds: unknown[]) =>
    (
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>()
    ).results
      .map((r) => r.detail)
      .join("\n");
  const list = seen.find((q) => q.startsWith("SELECT * FROM links WHERE dataflow"))!;
  expect(await plan(list, ["orders", "pending", 5])).toMatch(/USING INDEX links_state \(state=\? AND dataflow=\?\)/);
  const waiting = seen.find((q) => q.includes("MIN(updated_at) AS since"))!;
  expect(await plan(waiting, [new Date(T0).toISOString()])).toMatch(/USING INDEX links_state/);
});

it("a store's link writes read no snapshot's JSON: a few rows read, however large the snapshots", async () => {
  const s = store();
  let link = aFullLink() as Awaited<ReturnType<typeof s.links.insertPending>>;
  await written(async () => {
    link = await s.links.insertPending(aFullLink());
  });
  // The insert's UNIQUE checks and id counter, and the read-back by id or side ids (a JSON walk would read dozens).
  expect(tally.read).toBeLessThanOrEqual(10);
  const changed = { ...link, state: "linked" as const, snapshots: { ...link.snapshots, webshop: { name: "Ny AS" } } };
  await written(() => s.commit({ links: [changed], activity: [] }));
  // The rev guard and the update, by id with the indexes it touches: a handful.
  expect(tally.read).toBeLessThanOrEqual(5);
  await written(() => store().commit({ links: [{ ...changed, rev: 1, state: "conflict" }], activity: [] }));
  // Not read by the writing store: the guard, the upsert and the seven guarded updates, each a row or two by its id.
  expect(tally.read).toBeLessThanOrEqual(20);
});

it("a link committed again from its last commit's rev (no read between) is still written as one update", async () => {
  const s = store();
  const link = await s.links.insertPending(aLink());
  await s.commit({ links: [{ ...link, state: "linked" }], activity: [] });
  const again = { ...link, state: "conflict" as const, rev: (link.rev ?? 0) + 1 };
  // The row and its links_state entry; through the guarded updates it would be the row twice and the entry.
  expect(await written(() => s.commit({ links: [again], activity: [] }))).toBe(2);
  // A new link, committed again from rev 1 (its insert's).
  const { linkIds } = await s.commit({ links: [aLink({ state: "linked" })], activity: [] });
  const created = (await store().links.get(linkIds[0]!))!;
  const conflict = { ...created, state: "conflict" as const };
  expect(await written(() => s.commit({ links: [conflict], activity: [] }))).toBe(2);
  expect((await store().links.get(created.id))!.state).toBe("conflict");
});

it("a page's lookup by match key reads the links holding those keys, not every link of the dataflow", async () => {
  const s = store();
  await env.DB.batch(
    Array.from({ length: 300 }, (_, n) =>
      env.DB.prepare(
        `INSERT INTO links (dataflow, poweroffice_id, state, match_key_po, created_at, updated_at)
         VALUES ('customers', ?1, 'pending', ?2, ?3, ?3)`,
      ).bind(`${5000 + n}`, `key-${n}@example.no`, new Date(T0).toISOString()),
    ),
  );
  await s.links.insertPending(
    aLink({
      ids: { poweroffice: null, webshop: "cus_shop" },
      matchKeys: { poweroffice: null, webshop: "key-7@example.no" },
    }),
  );
  tally.read = 0;
  const found = await s.links.findByMatchKeys("customers", [
    "key-7@example.no",
    "key-250@example.no",
    "none@example.no",
  ]);
  expect(found).toHaveLength(3);
  expect(found.map((l) => l.matchKeys)).toEqual(
    expect.arrayContaining([
      { poweroffice: "key-250@example.no", webshop: null },
      { poweroffice: "key-7@example.no", webshop: null },
      { poweroffice: null, webshop: "key-7@example.no" },
    ]),
  );
  // Each side's index entries for the three keys and the rows they point at: a handful, not the 301 links.
  expect(tally.read).toBeLessThanOrEqual(12);
});

it("a count of a dataflow's links up to a limit reads at most that many entries, not the dataflow", async () => {
  const s = store();
  await env.DB.batch(
    Array.from({ length: 300 }, (_, n) =>
      env.DB.prepare(
        `INSERT INTO links (dataflow, poweroffice_id, state, created_at, updated_at) VALUES (?1, ?2, 'linked', ?3, ?3)`,
      ).bind(n % 3 === 0 ? "products" : "customers", `${6000 + n}`, new Date(T0).toISOString()),
    ),
  );
  tally.read = 0;
  expect(await s.links.countUpTo("customers", 50)).toBe(50);
  expect(tally.read).toBeLessThanOrEqual(51);
  expect(await s.links.countUpTo("customers", 1000)).toBe(200);
  expect(await s.links.countUpTo("products", 1000)).toBe(100);
  expect(await s.links.countUpTo("orders", 10)).toBe(0);
});
