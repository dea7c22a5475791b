/**
 * Orders waiting for what they refer to (link pending, code `dependency`, the records named in its message) go on as
 * soon as one of those records is linked, by whichever path links it (a feed page, a webhook, a retry, the admin):
 * the run that links it makes the waiting orders that name it due at once, in the same commit, and hands their ids
 * to `onWoken` so the trigger queues their retry right away instead of leaving them to their one-minute recheck.
 *
 *   finish record ─▶ became linked? ─▶ noteLinked(run)
 *   flush ─▶ wakeWaiting: pending orders naming it ─▶ nextRetryAt = now (same commit) ─▶ onWoken(ids) after commit
 */
import type { LinkWrite } from "../core/ports";
import { SIDES } from "../core/types";
import { dependencyLabel } from "./dependencies";
import { bothIds } from "./link-shape";
import type { HeldLink, Run } from "./run";

/** Waiting orders looked at per commit that linked something: the oldest first; any beyond keep their recheck. */
export const WAKE_PAGE = 100;

const linkedNow = new WeakMap<Run, Set<string>>();

/**
 * Remembers that this run linked a record others may wait for (a customer, department or product). Only a link that
 * existed before, unlinked, can have orders waiting for it: an order waits (pending) only for a dependency whose link
 * is pending, so a record linked at first sight (most of a backfill) costs no look for waiting orders.
 */
export function noteLinked(run: Run, before: LinkWrite | null, after: LinkWrite): void {
  if (after.dataflow === "orders" || after.state !== "linked" || !bothIds(after)) return;
  if (!before || (before.state === "linked" && bothIds(before))) return;
  const labels = linkedNow.get(run) ?? new Set<string>();
  for (const side of SIDES) labels.add(`${dependencyLabel(after.dataflow, side, after.ids[side] as string)} `);
  linkedNow.set(run, labels);
}

/** Stages the waiting orders that name a record this run linked as due now; returns their ids. */
export async function wakeWaiting(run: Run): Promise<number[]> {
  const labels = linkedNow.get(run);
  linkedNow.delete(run);
  if (!labels || labels.size === 0) return [];
  const waitsForIt = (link: LinkWrite) =>
    link.dataflow === "orders" &&
    link.state === "pending" &&
    link.lastError?.code === "dependency" &&
    [...labels].some((label) => link.lastError?.message.includes(label));
  const now = new Date(run.now()).toISOString();
  const woken: number[] = [];
  const wake = (link: HeldLink) => {
    run.staged.set(link.id, { ...link, nextRetryAt: now });
    woken.push(link.id);
  };
  for (const [id, link] of run.staged) if (waitsForIt(link)) wake({ ...link, id });
  const stored = await run.store.links.list({ dataflow: "orders", state: "pending", limit: WAKE_PAGE });
  for (const { updatedAt: _updatedAt, ...link } of stored) {
    if (!run.staged.has(link.id) && waitsForIt(link)) wake(link);
  }
  return woken;
}
