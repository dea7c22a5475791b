/**
 * What the admin widget asks of the engine: decide open conflicts, link or unlink two records by hand, replay a
 * dead-lettered record, pause and resume a direction, release the mass-change brake. Each answers in words.
 */
import { StaleLinkError } from "../sync/ports";
import type { DataflowId, Direction, Side } from "../sync/types";
import type { EngineDeps } from "./deps";
import { makeDue } from "./held-links";
import { MAX_RESYNCS } from "./limits";
import { isUnlinked, linkError, UNLINKED } from "./link-shape";
import { blankLink, insertLink, retire } from "./new-link";
import { sideOf } from "./passes";
import { findLink, flush, getLink, type HeldLink, iso, newRun, stage } from "./run";
import { brakeKey, brakeWindowKey, pauseKey } from "./settings";
import { outcomeOf, syncRecord } from "./sync-record";
import type { RecordOutcome } from "./sync-types";

export type AdminResult = Pick<RecordOutcome, "linkId" | "state" | "message">;

const refused = (linkId: number | null, message: string): AdminResult => ({ linkId, state: "error", message });
const result = (o: RecordOutcome): AdminResult => ({ linkId: o.linkId, state: o.state, message: o.message });

/** Applies the admin's choice per open conflict (property → winning side) and syncs the link. */
export async function resolveConflict(deps: EngineDeps, linkId: number, choices: Record<string, Side>) {
  const run = newRun(deps);
  const link = await getLink(run, linkId);
  const side = link && sideOf(link);
  if (!link || !side) return refused(linkId, `There is no link ${linkId}.`);
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
export async function linkRecords(deps: EngineDeps, dataflow: DataflowId, poId: string, shopId: string) {
  const run = newRun(deps);
  const po = await findLink(run, dataflow, "poweroffice", poId);
  const shop = await findLink(run, dataflow, "webshop", shopId);
  if (po && po.id === shop?.id) return syncAgain(deps, po);
  for (const [link, side, id] of [
    [po, "webshop", shopId],
    [shop, "poweroffice", poId],
  ] as const) {
    const partner = link?.ids[side];
    if (link && partner && partner !== id && !isUnlinked(link)) {
      return refused(
        link.id,
        `That record is already linked to ${side} record ${partner} (link ${link.id}): unlink it first.`,
      );
    }
  }
  for (const [side, id] of [
    ["poweroffice", poId],
    ["webshop", shopId],
  ] as const) {
    const read = await deps.sides[side].get(dataflow, id);
    if (!read.ok) return refused(null, read.error.message);
    if (!read.value) return refused(null, `There is no ${side} ${dataflow} record ${id}.`);
  }
  const keeper = po ?? shop ?? (await insertLink(run, blankLink(dataflow, { poweroffice: poId, webshop: shopId })));
  if (po && shop) retire(run, shop, "webshop", po.id);
  const at = iso(run.now());
  const message = `Linked by the admin: PowerOffice ${poId} with webshop ${shopId}.`;
  const blank = { snapshots: { poweroffice: null, webshop: null }, seen: { poweroffice: null, webshop: null } };
  stage(run, { ...fresh(keeper, { poweroffice: poId, webshop: shopId }), ...blank }, [
    { at, dataflow, linkId: keeper.id, side: null, action: "linked", changes: {}, message },
  ]);
  const outcome = await syncRecord(run, dataflow, "poweroffice", { id: poId }, { depth: 0, full: true });
  await flush(run);
  return result(outcome);
}

/** Separates a link's two records; neither is matched, created or synced again until linked by hand. */
export async function unlink(deps: EngineDeps, linkId: number): Promise<AdminResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await unlinkOnce(deps, linkId);
    } catch (error) {
      // A sync wrote the link between our read and our write: read it again and separate it as it is now.
      if (!(error instanceof StaleLinkError) || attempt >= MAX_RESYNCS) throw error;
    }
  }
}

async function unlinkOnce(deps: EngineDeps, linkId: number): Promise<AdminResult> {
  const link = await deps.store.links.get(linkId);
  if (!link) return refused(linkId, `There is no link ${linkId}.`);
  const now = iso(deps.clock.now());
  const message = "Unlinked by the admin: neither record is synced until it is linked by hand.";
  const keep = link.ids.poweroffice !== null ? "poweroffice" : "webshop";
  const moved = keep === "poweroffice" ? link.ids.webshop : null;
  const separated = {
    ...fresh(link, { ...link.ids, webshop: keep === "poweroffice" ? null : link.ids.webshop }),
    state: "skipped" as const,
    lastError: linkError(UNLINKED, message),
    snapshots: { poweroffice: null, webshop: null },
  };
  await deps.store.commit({
    links: [separated],
    activity: [{ at: now, dataflow: link.dataflow, linkId, side: null, action: "skipped", changes: {}, message }],
  });
  if (moved !== null) {
    await deps.store.links.insertPending({
      ...blankLink(link.dataflow, { poweroffice: null, webshop: moved }),
      state: "skipped",
      lastError: linkError(UNLINKED, message),
    });
  }
  return { linkId, state: "skipped", message };
}

/** Tries a dead-lettered (or any failed) link again now, with a fresh count of attempts. */
export async function replayDeadLetter(deps: EngineDeps, linkId: number): Promise<AdminResult> {
  const link = await deps.store.links.get(linkId);
  if (!link) return refused(linkId, `There is no link ${linkId}.`);
  return syncAgain(deps, { ...link, attempts: 0, nextRetryAt: null });
}

async function syncAgain(deps: EngineDeps, link: HeldLink): Promise<AdminResult> {
  const run = newRun(deps);
  const side = sideOf(link);
  if (!side) return outcomeOf(link, null);
  stage(run, link);
  const outcome = await syncRecord(run, link.dataflow, side, { id: link.ids[side]! }, { depth: 0, full: true });
  await flush(run);
  return result(outcome);
}

export async function setPaused(deps: EngineDeps, dataflow: DataflowId, direction: Direction, paused: boolean) {
  await deps.store.settings.set(pauseKey(dataflow, direction), paused ? iso(deps.clock.now()) : null);
  if (!paused) await makeDue(deps, dataflow, "paused");
}

export async function releaseBrake(deps: EngineDeps, dataflow: DataflowId): Promise<void> {
  const now = deps.clock.now();
  const message = `The admin released the mass-change brake for ${dataflow}; it stays off for an hour.`;
  await deps.store.commit({
    links: [],
    activity: [{ at: iso(now), dataflow, linkId: null, side: null, action: "braked", changes: {}, message }],
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
