/**
 * What the admin widget asks of the engine: decide open conflicts, link, unlink or relink two records by hand, replay
 * a dead-lettered record, pause and resume a direction, release the mass-change brake. Each answers in words. Link
 * and relink check everything first (both records exist, can be read, belong to the dataflow, are not linked to
 * another partner) and only then change links, in one commit with the admin's activity entry.
 */

import { type Commit, type CommitActivity, DuplicateLinkError, type LinkWrite, StaleLinkError } from "../core/ports";
import { type Actor, type DataflowId, type Direction, SIDES, type Side } from "../core/types";
import { type AdminResult, checkPair, OTHER, refused, SYSTEM } from "./admin-checks";
import type { EngineDeps } from "./engine-options";
import { makeDue } from "./held-links";
import { MAX_RESYNCS } from "./limits";
import { linkError, UNLINKED } from "./link-shape";
import { blankLink, insertLink, retired } from "./new-link";
import { sideOf } from "./passes";
import { findLink, flush, getLink, type HeldLink, iso, newRun, stage } from "./run";
import { brakeKey, brakeWindowKey, pauseKey } from "./settings";
import { outcomeOf, syncRecord } from "./sync-record";
import type { RecordOutcome } from "./sync-types";

const result = (o: RecordOutcome): AdminResult => ({ linkId: o.linkId, state: o.state, message: o.message });

/** An admin's entry for the activity log. */
export function adminEntry(
  at: number,
  actor: Actor,
  entry: Pick<CommitActivity, "dataflow" | "linkId" | "action" | "message"> & { linkIndex?: number },
): CommitActivity {
  return { at: iso(at), side: null, changes: {}, actor: { sub: actor.sub }, ...entry };
}

/** Applies the admin's choice per open conflict (property → winning side) and syncs the link. */
export async function resolveConflict(deps: EngineDeps, linkId: number, choices: Record<string, Side>) {
  const run = newRun(deps);
  const link = await getLink(run, linkId);
  const side = link && sideOf(link);
  if (!link || !side) return refused(linkId, `There is no link ${linkId}.`, "link_not_found");
  const outcome = await syncRecord(
    run,
    link.dataflow,
    side,
    { id: link.ids[side]! },
    { depth: 0, full: true, resolutions: choices },
  );
  await flush(run);
  return result(outcome);
}

/** Links two existing records by hand (after an ambiguous match, or to correct one); the first-link rule merges them. */
export async function linkRecords(
  deps: EngineDeps,
  dataflow: DataflowId,
  poId: string,
  shopId: string,
  actor: Actor = { sub: null },
): Promise<AdminResult> {
  const run = newRun(deps);
  const ids = { poweroffice: poId, webshop: shopId };
  const po = await findLink(run, dataflow, "poweroffice", poId);
  const shop = await findLink(run, dataflow, "webshop", shopId);
  const message = `Linked by the admin: PowerOffice ${poId} with webshop ${shopId}.`;
  if (po && po.id === shop?.id) {
    return syncAgain(deps, po, adminEntry(run.now(), actor, { dataflow, linkId: po.id, action: "linked", message }));
  }
  const refusal = await checkPair(run, dataflow, ids, null);
  if (refusal) return refusal;
  const keeper = po ?? shop ?? (await insertLink(run, blankLink(dataflow, ids)));
  const links: LinkWrite[] = [];
  if (po && shop && shop.id !== po.id) links.push(retired(shop, "webshop", po.id));
  const blank = { snapshots: { poweroffice: null, webshop: null }, seen: { poweroffice: null, webshop: null } };
  links.push({ ...fresh(keeper, ids), ...blank });
  // The pairing and its audit entry are one commit before any sync: a sync that wrote either link since the checks
  // makes it refuse with nothing changed, instead of re-planning the link as that sync left it.
  const entry = adminEntry(run.now(), actor, { dataflow, linkId: keeper.id, action: "linked", message });
  const raced = await commitOrRefuse(deps, keeper.id, { links, activity: [entry] });
  if (raced) return raced;
  const after = await deps.store.links.get(keeper.id);
  if (!after)
    return refused(keeper.id, `There is no record with link id ${keeper.id}; reload the list.`, "link_not_found");
  return syncAgain(deps, after);
}

/** Commits an admin's change of links; null when written, a refusal in words when a sync got there first. */
async function commitOrRefuse(deps: EngineDeps, linkId: number, commit: Commit): Promise<AdminResult | null> {
  try {
    await deps.store.commit(commit);
    return null;
  } catch (error) {
    // Another run linked one of the records (Duplicate) or wrote this link (Stale) since the checks: change nothing.
    if (!(error instanceof DuplicateLinkError || error instanceof StaleLinkError)) throw error;
    return refused(
      linkId,
      "The sync changed one of these records at the same moment; nothing was changed. Reload the record and try again.",
      "already_linked",
    );
  }
}

/**
 * Gives a link other records (an id left out keeps that side's): everything is checked first, then the old records
 * are separated (each keeps a link of its own, unlinked) and the new pair linked in ONE commit; then it syncs.
 */
export async function relink(
  deps: EngineDeps,
  linkId: number,
  wanted: Partial<Record<Side, string>>,
  actor: Actor = { sub: null },
): Promise<AdminResult> {
  const run = newRun(deps);
  const link = await getLink(run, linkId);
  if (!link) return refused(linkId, `There is no record with link id ${linkId}; reload the list.`, "link_not_found");
  const { dataflow } = link;
  const ids = {
    poweroffice: wanted.poweroffice ?? link.ids.poweroffice,
    webshop: wanted.webshop ?? link.ids.webshop,
  };
  for (const side of SIDES) {
    if (ids[side] === null) {
      const field = side === "poweroffice" ? "powerofficeId" : "webshopId";
      return refused(linkId, `Record ${linkId} has no ${SYSTEM[side]} record: name its ${field}.`);
    }
  }
  const pair = ids as Record<Side, string>;
  const refusal = await checkPair(run, dataflow, pair, link);
  if (refusal) return refusal;

  const now = run.now();
  const before = `PowerOffice ${link.ids.poweroffice ?? "(none)"} with webshop ${link.ids.webshop ?? "(none)"}`;
  const message = `Relinked by the admin: PowerOffice ${pair.poweroffice} with webshop ${pair.webshop} (was ${before}).`;
  const separated = "Separated by the admin's relink: not synced until it is linked by hand.";
  const links: LinkWrite[] = [];
  const activity: CommitActivity[] = [];
  // A link holding one of the new records alone gives it up first (UNIQUE per side), as a merge does.
  for (const side of SIDES) {
    const holder = await findLink(run, dataflow, side, pair[side]);
    if (holder && holder.id !== link.id) links.push(retired(holder, side, link.id));
  }
  const blank = { snapshots: { poweroffice: null, webshop: null }, seen: { poweroffice: null, webshop: null } };
  links.push({ ...fresh(link, pair), ...blank });
  activity.push(adminEntry(now, actor, { dataflow, linkId, action: "relinked", message }));
  // Each record leaving the link keeps a link of its own, unlinked: neither matched nor created again.
  for (const side of SIDES) {
    const old = link.ids[side];
    if (old === null || old === pair[side]) continue;
    activity.push({
      at: iso(now),
      dataflow,
      linkId: null,
      linkIndex: links.length,
      side: null,
      action: "skipped",
      changes: {},
      message: separated,
    });
    links.push({
      ...blankLink(dataflow, { [side]: old, [OTHER[side]]: null } as Record<Side, string | null>),
      state: "skipped",
      lastError: linkError(UNLINKED, separated),
    });
  }
  const raced = await commitOrRefuse(deps, linkId, { links, activity });
  if (raced) return raced;
  const after = await deps.store.links.get(linkId);
  if (!after) return refused(linkId, `There is no record with link id ${linkId}; reload the list.`, "link_not_found");
  return syncAgain(deps, after);
}

/** Separates a link's two records; neither is matched, created or synced again until linked by hand. */
export async function unlink(deps: EngineDeps, linkId: number, actor: Actor = { sub: null }): Promise<AdminResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await unlinkOnce(deps, linkId, actor);
    } catch (error) {
      // A sync wrote the link between our read and our write: read it again and separate it as it is now.
      if (!(error instanceof StaleLinkError) || attempt >= MAX_RESYNCS) throw error;
    }
  }
}

async function unlinkOnce(deps: EngineDeps, linkId: number, actor: Actor): Promise<AdminResult> {
  const link = await deps.store.links.get(linkId);
  if (!link) return refused(linkId, `There is no link ${linkId}.`, "link_not_found");
  const now = deps.clock.now();
  const message = "Unlinked by the admin: neither record is synced until it is linked by hand.";
  const keep = link.ids.poweroffice !== null ? "poweroffice" : "webshop";
  const moved = keep === "poweroffice" ? link.ids.webshop : null;
  const separated = {
    ...fresh(link, { ...link.ids, webshop: keep === "poweroffice" ? null : link.ids.webshop }),
    state: "skipped" as const,
    lastError: linkError(UNLINKED, message),
    snapshots: { poweroffice: null, webshop: null },
  };
  // One commit: the link gives up its shop record first (UNIQUE per side), then that record gets its own link.
  const links: LinkWrite[] = [separated];
  if (moved !== null) {
    links.push({
      ...blankLink(link.dataflow, { poweroffice: null, webshop: moved }),
      state: "skipped",
      lastError: linkError(UNLINKED, message),
    });
  }
  await deps.store.commit({
    links,
    activity: [adminEntry(now, actor, { dataflow: link.dataflow, linkId, action: "unlinked", message })],
  });
  return { linkId, state: "skipped", message };
}

/** Tries a dead-lettered (or any failed) link again now, with a fresh count of attempts. */
export async function replayDeadLetter(deps: EngineDeps, linkId: number): Promise<AdminResult> {
  const link = await deps.store.links.get(linkId);
  if (!link) return refused(linkId, `There is no link ${linkId}.`, "link_not_found");
  return syncAgain(deps, { ...link, attempts: 0, nextRetryAt: null });
}

async function syncAgain(deps: EngineDeps, link: HeldLink, entry?: CommitActivity): Promise<AdminResult> {
  const run = newRun(deps);
  const side = sideOf(link);
  if (!side) return outcomeOf(link, null);
  stage(run, link, entry ? [entry] : []);
  const outcome = await syncRecord(run, link.dataflow, side, { id: link.ids[side]! }, { depth: 0, full: true });
  await flush(run);
  return result(outcome);
}

export async function setPaused(deps: EngineDeps, dataflow: DataflowId, direction: Direction, paused: boolean) {
  await deps.store.settings.set(pauseKey(dataflow, direction), paused ? iso(deps.clock.now()) : null);
  if (!paused) await makeDue(deps, dataflow, "paused");
}

export async function releaseBrake(deps: EngineDeps, dataflow: DataflowId, actor: Actor = { sub: null }) {
  const now = deps.clock.now();
  const message = `The admin released the mass-change brake for ${dataflow}; it stays off for an hour.`;
  await deps.store.commit({
    links: [],
    activity: [adminEntry(now, actor, { dataflow, linkId: null, action: "braked", message })],
    settings: {
      [brakeKey(dataflow)]: null,
      [brakeWindowKey(dataflow)]: JSON.stringify({ start: now, links: [], releasedAt: now }),
    },
  });
  await makeDue(deps, dataflow, "braked");
}

/** The link with these ids, its history of failures cleared (snapshots are kept: the merge still compares to them). */
function fresh(link: HeldLink, ids: HeldLink["ids"]): HeldLink {
  const { updatedAt: _u, ...write } = link as HeldLink & { updatedAt?: string };
  return { ...write, ids, state: "pending", lastError: null, attempts: 0, nextRetryAt: null, openConflicts: [] };
}
