/**
 * After the plan: hold what must wait (pause, backfill gate, brake), send the rest, and stage the link as it now
 * stands. Snapshots advance only when every planned write went out: a held or failed write keeps the old ones, so
 * the change it carried is seen again, and sent, on the next sync.
 */

import { canonicalOf } from "../core/canonical";
import { madeNewLines } from "../core/lines";
import { matchKeyOf } from "../core/match";
import { type Plan, type PlannedWrite, planSync } from "../core/plan";
import type { LinkWrite, SideRecord } from "../core/ports";
import { type Canonical, type DataflowId, SIDES, type Side } from "../core/types";
import { sameValue } from "../core/values";
import { applyWrites } from "./apply-writes";
import { claimForCreate, claimLink, deferred, forgetTakeovers } from "./claims";
import { failLink } from "./failure";
import { foldIntoCreate } from "./follow-up-activity";
import { brake, type Hold, pauseOrGate } from "./holds";
import { CONFIRM_GRACE_MS, GATE_RECHECK_MS, MAX_REPLANS } from "./limits";
import { asLink, linkError, sameLink, settled } from "./link-shape";
import { insertLink } from "./new-link";
import type { LoadedResolver } from "./resolver";
import { type HeldLink, iso, type Run, stage } from "./run";
import type { RecordOutcome } from "./sync-types";
import { noteLinked } from "./waiting-orders";

export interface Planned {
  dataflow: DataflowId;
  side: Side;
  link: HeldLink | null;
  records: Record<Side, SideRecord | null>;
  resolver: LoadedResolver;
  plan: Plan;
  /** The link to insert when the record has none yet. */
  described: LinkWrite;
  replans: number;
  /** This plan is the one made right after a create (to write the new record's id back to its source). */
  followUp?: boolean;
}

export async function finishRecord(run: Run, p: Planned, replan: () => Promise<RecordOutcome>): Promise<RecordOutcome> {
  const { plan, dataflow } = p;
  let hold: Hold | null = null;
  let toSend: PlannedWrite[] = [];
  for (const write of plan.writes) {
    const held = await pauseOrGate(run, dataflow, write);
    if (held) hold ??= held;
    else toSend.push(write);
  }
  // A follow-up is part of its create: creates never count towards the brake.
  const braked = p.followUp ? null : await brake(run, dataflow, toSend, p.link);
  if (braked) {
    hold = braked;
    toSend = [];
  }

  if (!p.link && toSend.length === 0) {
    // Nothing goes out: the link is written once, as it ends up.
    const base = { ...p.described, id: 0 } as HeldLink;
    const { id: _id, ...final } = hold ? heldLink(run, base, hold) : settle(base, p, {});
    noteLinked(run, null, final);
    const inserted = await insertLink(run, final);
    run.activity.push(...(hold ? [] : plan.activity).map((entry) => ({ ...entry, linkId: inserted.id })));
    return outcome(inserted, 0);
  }

  if (p.link && toSend.length === 0 && !hold && plan.activity.length === 0 && sameLink(settle(p.link, p, {}), p.link)) {
    // Nothing to send, to store or to tell (a reconcile of an unchanged pair): no claim, since nothing is written.
    return outcome(p.link, 0);
  }

  const create = toSend.find((w) => w.op === "create");
  const link =
    p.link ??
    (await insertLink(
      run,
      { ...p.described, reference: create?.reference ?? null, nextRetryAt: iso(run.now() + CONFIRM_GRACE_MS) },
      { claim: true },
    ));
  // One writer per record: the writes go out only under this run's claim on the link, taken while it is as read
  // (before a create, in the same batch as the link's pending write).
  const reference = create ? (link.reference ?? create.reference ?? null) : null;
  const claimed =
    reference === null ? { claim: await claimLink(run, link), link } : await claimForCreate(run, link, reference);
  const claim = claimed.claim;
  if (claim === "stale") {
    const synced = await syncedMeanwhile(run, p, link.id);
    if (synced) return outcome(synced, 0);
    return p.replans + 1 < MAX_REPLANS ? replan() : deferred(run, link);
  }
  if (claim === "busy") return deferred(run, link);
  const applied = await applyWrites(run, claimed.link, toSend, p.records);
  if (applied.error) {
    // What went out before the failure is on the link, so that its echo is not taken for a change.
    const partly = partlyWritten(applied.link, p, applied.returned);
    // A stand-in for a read (shop-stand-in.ts) is only as good as the version it names: a 412, or a 404 for a record
    // deleted since, is answered by reading the records and planning again, as a 412 after a read is.
    const standIn = p.records[applied.error.side]?.canonical !== undefined;
    const readAgain = applied.error.code === "version-conflict" || (standIn && applied.error.code === "not-found");
    if (readAgain && p.replans + 1 < MAX_REPLANS) {
      // What went out stays staged, with the held link it took over; with nothing out, the plan takes it over anew.
      if (partly !== link) stage(run, partly);
      else forgetTakeovers(run, link.id);
      return replan();
    }
    const failed = failLink(run, partly, applied.error);
    return { ...failed, written: applied.written };
  }
  if (hold) {
    const held = heldLink(run, applied.link, hold);
    stage(run, held);
    return { ...outcome(held, applied.written), message: hold.message };
  }
  const final = settle(applied.link, p, applied.returned);
  noteLinked(run, p.link, final);
  const activity = p.followUp ? foldIntoCreate(run, plan.activity, final.id) : plan.activity;
  if (!p.link || !sameLink(final, p.link)) stage(run, final, activity);
  else run.activity.push(...activity);
  if (!p.followUp && (toSend.some((w) => w.op === "create") || createdLines(p, applied.returned))) {
    // The new record's id goes back to its source (external_ids, ExternalImportReference) now, not at some later sync;
    // so do the ids of order lines an update created: until then the source's line looks unsynced.
    const records = { ...p.records, ...applied.returned };
    const next = planSync({
      dataflow,
      link: asLink(final),
      records,
      policy: run.deps.policy,
      resolver: p.resolver,
      now: run.now(),
    });
    if (next.writes.length > 0) {
      const more = await finishRecord(run, { ...p, link: final, records, plan: next, followUp: true }, replan);
      return { ...more, written: more.written + applied.written };
    }
  }
  return { ...outcome(final, applied.written), message: final.lastError?.message ?? lifecycleNote(plan) };
}

/**
 * The link as another run left it, when that run synced this very version of the record meanwhile (a webhook's sync
 * and a feed page meeting on one edit): nothing is left to do, and the records need not be read again to know it.
 */
async function syncedMeanwhile(run: Run, p: Planned, id: number): Promise<HeldLink | null> {
  const record = p.records[p.side];
  if (!record || record.canonical) return null;
  const now = await run.store.links.get(id);
  const seen = now && settled(now) && now.ids[p.side] === record.id && now.seen[p.side] === record.marker;
  return seen && now.state === "linked" && now.lastError === null ? now : null;
}

/** What the lifecycle did (a partner gone: invoiced, archived), in the plan's own words; null when it did nothing. */
function lifecycleNote(plan: Plan): string | null {
  const entry = plan.activity.find((a) => a.action === "invoiced" || a.action === "archived");
  return entry?.message ?? null;
}

/** An update whose answer holds lines the record did not have before (PowerOffice creates lines one by one). */
function createdLines(p: Planned, returned: Partial<Record<Side, SideRecord>>): boolean {
  return SIDES.some((side) => {
    const answer = returned[side];
    const before = p.records[side];
    if (!answer || !before) return false;
    const canonical = (record: SideRecord) => canonicalOf(p.dataflow, side, record, p.resolver);
    return madeNewLines(canonical(before), canonical(answer));
  });
}

/** The link after every write went out: the plan's snapshots, each written side's as its answer shows it. */
function settle(link: HeldLink, p: Planned, returned: Partial<Record<Side, SideRecord>>): HeldLink {
  const { plan, dataflow } = p;
  const snapshots = { ...plan.snapshots };
  const ids = { ...link.ids };
  const seen = { ...link.seen };
  const matchKeys = { ...link.matchKeys };
  for (const side of SIDES) {
    const answer = returned[side];
    const record = answer ?? p.records[side];
    // A snapshot standing in for a read tells nothing new: the link's id, marker and match key stay as they are.
    if (record && !record.canonical) {
      ids[side] = record.id;
      seen[side] = record.marker;
      matchKeys[side] = matchKeyOf(dataflow, side, record.raw);
    }
    if (answer) {
      const after = written(p, side, answer, snapshots[side]);
      snapshots[side] = after.snapshot;
      // The record changed under the write (an edit between our read and our write, which PowerOffice's PATCH does
      // not guard): its marker stays the one read, so that edit is seen as a change and synced at the next look.
      if (after.editedMeanwhile && p.records[side]) seen[side] = p.records[side]!.marker;
    }
  }
  return {
    ...link,
    ids,
    state: plan.state,
    snapshots,
    seen,
    matchKeys,
    lastError: plan.error,
    attempts: plan.error ? link.attempts : 0,
    nextRetryAt: null,
    openConflicts: plan.conflicts.filter((c) => c.winner === null),
  };
}

/** The link after some of the plan's writes went out and then one failed: the written sides as written. */
function partlyWritten(link: HeldLink, p: Planned, returned: Partial<Record<Side, SideRecord>>): HeldLink {
  const sides = SIDES.filter((side) => returned[side] !== undefined);
  if (sides.length === 0) return link;
  const snapshots = { ...link.snapshots };
  const seen = { ...link.seen };
  for (const side of sides) {
    const answer = returned[side]!;
    // Only what the write meant to change moves; the rest of that side's snapshot stays as it was, so a change the
    // plan would have carried to the other side (which did not get it) is still a change at the re-plan.
    const after = written(p, side, answer, link.snapshots[side]);
    snapshots[side] = after.snapshot;
    const record = p.records[side];
    seen[side] = after.editedMeanwhile && record ? record.marker : answer.marker;
  }
  return { ...link, snapshots, seen };
}

/**
 * The snapshot of a side after our write. What the side made of the write (a derived name, a rounded price) is what
 * its echo will show, so properties the write meant to change are taken from the answer; the others keep the planned
 * value, which for a conflict waiting for the admin is deliberately the old one. A property the write did not mean
 * to change but the answer shows changed was edited by someone else meanwhile: the snapshot keeps the old value, so
 * the edit is a change still to sync, not one taken for our echo.
 */
function written(
  p: Planned,
  side: Side,
  answer: SideRecord,
  base: Canonical | null,
): { snapshot: Canonical; editedMeanwhile: boolean } {
  const after = canonicalOf(p.dataflow, side, answer, p.resolver);
  const record = p.records[side];
  const planned = p.plan.snapshots[side] ?? null;
  if (!record || !planned || !base) return { snapshot: after, editedMeanwhile: false };
  const before = canonicalOf(p.dataflow, side, record, p.resolver);
  const out: Canonical = { ...base };
  let editedMeanwhile = false;
  for (const [property, value] of Object.entries(after)) {
    if (sameValue(value, before[property] ?? null)) continue;
    if (!sameValue(planned[property] ?? null, before[property] ?? null)) out[property] = value;
    else editedMeanwhile = true;
  }
  return { snapshot: out, editedMeanwhile };
}

function heldLink(run: Run, link: HeldLink, hold: Hold): HeldLink {
  const recheck = hold.code === "waiting-for-backfill" ? iso(run.now() + GATE_RECHECK_MS) : null;
  return { ...link, state: "pending", lastError: linkError(hold.code, hold.message), nextRetryAt: recheck };
}

function outcome(link: HeldLink, written: number): RecordOutcome {
  return {
    linkId: link.id,
    state: link.state,
    message: link.lastError?.message ?? null,
    written,
    failed: link.state === "error",
  };
}
