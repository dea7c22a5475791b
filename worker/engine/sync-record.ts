/**
 * Syncing one record: read it, find its partner (the link, or a match), sync what it refers to first, plan with the
 * core, send the writes (unless held), and stage the link, its snapshots and the activity for the run's commit.
 *
 *   read ─▶ unchanged since last sync? ─ yes ─▶ quiet (no reads of the partner, no writes)
 *     └─▶ partner: link ─▶ read it (a settled shop record: its snapshot, shop-stand-in.ts)
 *                 │ no link ─▶ match (none ─▶ create │ one ─▶ first link │ 2+ ─▶ ambiguous)
 *          ─▶ dependencies ─▶ plan ─▶ holds? ─▶ writes ─▶ stage link (412 ─▶ read both again, plan again)
 */

import { toCanonical } from "../core/canonical";
import { matchKeyOf } from "../core/match";
import { planSync } from "../core/plan";
import type { SideError, SideRecord } from "../core/ports";
import { type DataflowId, otherSide, type Side } from "../core/types";
import { sameValue } from "../core/values";
import { findPartner } from "./candidates";
import { resolveDependencies } from "./dependencies";
import { failLink } from "./failure";
import { finishRecord } from "./finish-record";
import { heldOnly, holdForFirstRead } from "./first-read";
import { linkOfOtherKind, movedTo, refuseKindChange } from "./kind-change";
import { DEPENDENCY_RECHECK_MS } from "./limits";
import { asLink, isUnlinked, linkError, MERGED, settled } from "./link-shape";
import { blankLink, insertLink, RaceLost, retire } from "./new-link";
import { loadedResolver } from "./resolver";
import { findLink, type HeldLink, iso, type Run, stage } from "./run";
import { shopStandIn } from "./shop-stand-in";
import type { RecordInput, RecordOutcome, SyncOptions, SyncRecord } from "./sync-types";

export const syncRecord: SyncRecord = async (run, dataflow, side, input, options) => {
  const key = `${dataflow}/${side}/${input.id}`;
  if (run.visiting.has(key)) {
    const link = await findLink(run, dataflow, side, input.id);
    return outcomeOf(link, "it refers to itself through its dependencies");
  }
  run.visiting.add(key);
  try {
    return await syncVisited(run, dataflow, side, input, options);
  } catch (error) {
    if (!(error instanceof RaceLost)) throw error;
    run.deferred = true;
    run.deps.log(`${dataflow} ${side} ${input.id}: ${error.message}`);
    return { linkId: error.linkId, state: "pending", message: error.message, written: 0, failed: false };
  } finally {
    run.visiting.delete(key);
  }
};

async function syncVisited(
  run: Run,
  dataflow: DataflowId,
  side: Side,
  input: RecordInput,
  options: SyncOptions,
): Promise<RecordOutcome> {
  const { sides } = run.deps;
  const other = otherSide(side);
  let link = await findLink(run, dataflow, side, input.id);
  if (link && (isUnlinked(link) || link.lastError?.code === MERGED)) return outcomeOf(link, null);

  let record = input.record;
  const unchanged = (r: SideRecord | null | undefined) =>
    !options.full && r && link && settled(link) && link.seen[side] === r.marker;
  if (unchanged(record)) return outcomeOf(link, null);
  if (record === undefined || record?.partial) {
    const read = await sides[side].get(dataflow, input.id);
    if (!read.ok) return failEarly(run, dataflow, side, input.id, link, read.error);
    record = read.value;
  }
  if (unchanged(record)) return outcomeOf(link, null);
  if (side === "webshop") {
    const refused = await kindGuard(run, dataflow, link, input.id, record ?? null);
    if (refused) return refused;
  }
  // Same content under a new marker (a field the sync does not map changed): nothing to do, nothing to read.
  if (!options.full && record && link && settled(link) && dataflow !== "orders") {
    const now = toCanonical(dataflow, side, record.raw, loadedResolver());
    if (sameValue(now, link.snapshots[side])) return outcomeOf(link, null);
  }

  let partner: SideRecord | null = null;
  const partnerId = link?.ids[other] ?? null;
  const standIn = side === "poweroffice" && !options.full ? shopStandIn(dataflow, link) : null;
  if (standIn) partner = standIn;
  else if (partnerId !== null) {
    const read = await sides[other].get(dataflow, partnerId);
    if (!read.ok) return failEarly(run, dataflow, side, input.id, link, read.error);
    partner = read.value;
    const now = side === "poweroffice" && link ? movedTo(dataflow, partner) : null;
    if (now && link) return refuseKindChange(run, link, now, kindOf(partner));
  } else if (record) {
    const match = await findPartner(run, dataflow, side, record);
    if (match.kind === "failed") return failEarly(run, dataflow, side, input.id, link, match.error);
    if (match.kind === "ambiguous") return ambiguous(run, dataflow, side, record, link, match.message);
    if (match.kind === "waiting") return holdForFirstRead(run, dataflow, side, record, link, match.message);
    if (match.kind === "one") {
      partner = match.record;
      link = join(run, side, record.id, partner.id, link, match.link);
    }
  } else if (!link) {
    return { linkId: null, state: "skipped", message: "Gone before the sync ever saw it.", written: 0, failed: false };
  }

  const records = { [side]: record ?? null, [other]: partner } as Record<Side, SideRecord | null>;
  const resolver = loadedResolver();
  const deps = await resolveDependencies(run, dataflow, records, resolver, options.depth, syncRecord);
  if (!deps.ok) {
    const held = link ?? (await insertLink(run, described(dataflow, records)));
    if (deps.state === "error") return failLink(run, held, { code: "dependency", message: deps.message });
    const waiting = { ...held, state: "pending" as const, lastError: linkError("dependency", deps.message) };
    stage(run, { ...waiting, nextRetryAt: iso(run.now() + DEPENDENCY_RECHECK_MS) });
    return outcomeOf(waiting, deps.message);
  }

  const plan = planSync({
    dataflow,
    link: link ? asLink(link) : null,
    records,
    policy: run.deps.policy,
    resolver,
    now: run.now(),
    ...(options.resolutions ? { resolutions: options.resolutions } : {}),
  });
  const replans = options.replans ?? 0;
  const planned = { dataflow, side, link, records, resolver, plan, described: described(dataflow, records), replans };
  return finishRecord(run, planned, () =>
    syncVisited(run, dataflow, side, { id: input.id }, { ...options, full: true, replans: replans + 1 }),
  );
}

/**
 * A shop customer whose kind moved it to the other dataflow (customer ↔ department) is refused on the link that holds
 * it (kind-change.ts); one that is not linked in its own dataflow is looked for in the other one first.
 */
async function kindGuard(
  run: Run,
  dataflow: DataflowId,
  link: HeldLink | null,
  id: string,
  record: SideRecord | null,
): Promise<RecordOutcome | null> {
  const now = movedTo(dataflow, record);
  if (now) {
    if (link) return refuseKindChange(run, link, now, kindOf(record));
    return {
      linkId: null,
      state: "skipped",
      message: `Belongs to the ${now} dataflow now.`,
      written: 0,
      failed: false,
    };
  }
  if (link || !record) return null;
  const elsewhere = await linkOfOtherKind(run, dataflow, id);
  return elsewhere ? refuseKindChange(run, elsewhere, dataflow, kindOf(record)) : null;
}

const kindOf = (record: SideRecord | null) => (record?.raw as { kind?: unknown } | undefined)?.kind;

/** The record's link takes the partner; a one-sided link the partner had is merged into it (or becomes it). */
function join(
  run: Run,
  side: Side,
  id: string,
  partnerId: string,
  link: HeldLink | null,
  partnerLink: HeldLink | null,
) {
  const other = otherSide(side);
  if (!link && !partnerLink) return null;
  if (!link) return { ...partnerLink!, ids: { ...partnerLink!.ids, [side]: id } } as HeldLink;
  if (partnerLink && partnerLink.id !== link.id) {
    if (heldOnly(partnerLink)) {
      run.drops.set(partnerLink.id, { rev: partnerLink.rev ?? 0, into: link.id, side: other, id: partnerId });
    } else retire(run, partnerLink, other, link.id);
  }
  return { ...link, ids: { ...link.ids, [other]: partnerId } } as HeldLink;
}

/** A link to insert for these records (ids and match keys), before anything is sent for them. */
function described(dataflow: DataflowId, records: Record<Side, SideRecord | null>) {
  const link = blankLink(dataflow, {
    poweroffice: records.poweroffice?.id ?? null,
    webshop: records.webshop?.id ?? null,
  });
  for (const side of ["poweroffice", "webshop"] as const) {
    const record = records[side];
    if (record) {
      link.matchKeys[side] = matchKeyOf(dataflow, side, record.raw);
      link.seen[side] = record.marker;
    }
  }
  return link;
}

async function ambiguous(
  run: Run,
  dataflow: DataflowId,
  side: Side,
  record: SideRecord,
  link: HeldLink | null,
  message: string,
): Promise<RecordOutcome> {
  const base =
    link ?? (await insertLink(run, described(dataflow, { [side]: record, [otherSide(side)]: null } as never)));
  const next = {
    ...base,
    state: "ambiguous" as const,
    lastError: linkError("ambiguous", message, side),
    nextRetryAt: null,
  };
  const news = base.state !== "ambiguous" || base.lastError?.message !== message;
  const at = iso(run.now());
  if (news)
    stage(run, next, [{ at, dataflow, linkId: base.id, side: null, action: "ambiguous", changes: {}, message }]);
  return outcomeOf(next, message);
}

/** A read that failed: recorded on the record's link (inserted for it if it has none yet) and retried later. */
async function failEarly(
  run: Run,
  dataflow: DataflowId,
  side: Side,
  id: string,
  link: HeldLink | null,
  error: SideError,
): Promise<RecordOutcome> {
  const held = link ?? (await insertLink(run, blankLink(dataflow, { [side]: id, [otherSide(side)]: null } as never)));
  return failLink(run, held, error);
}

export function outcomeOf(link: HeldLink | null, message: string | null): RecordOutcome {
  return {
    linkId: link?.id ?? null,
    state: link?.state ?? "skipped",
    message: message ?? link?.lastError?.message ?? null,
    written: 0,
    failed: link?.state === "error",
  };
}
