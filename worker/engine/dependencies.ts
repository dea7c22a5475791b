/**
 * References between dataflows: before an order is planned, its customer and its lines' products must be linked on
 * both sides, so they are looked up, and synced first (in the same run) when they are not. What still cannot be
 * resolved is said in words: the order waits (pending) or fails (error) with it.
 */

import { canonicalOf, dependenciesIn } from "../core/canonical";
import type { SideRecord } from "../core/ports";
import { type DataflowId, type LinkState, SIDES, type Side } from "../core/types";
import { MAX_DEPENDENCY_DEPTH } from "./limits";
import { bothIds, SIDE_NAME } from "./link-shape";
import type { LoadedResolver } from "./resolver";
import { findLink, NoRoom, preloadLinks, type Run } from "./run";
import type { SyncRecord } from "./sync-types";

export type Dependencies = { ok: true } | { ok: false; state: LinkState; message: string };

interface Reference {
  dataflow: DataflowId;
  side: Side;
  id: string;
}

export async function resolveDependencies(
  run: Run,
  dataflow: DataflowId,
  records: Record<Side, SideRecord | null>,
  resolver: LoadedResolver,
  depth: number,
  sync: SyncRecord,
): Promise<Dependencies> {
  const missing = () => unique(SIDES.flatMap((s) => refsOf(dataflow, s, records[s], resolver)));
  let refs = missing();
  if (refs.length === 0) return { ok: true };
  // One query per dataflow and side for all of them (an order's products), not one per line.
  const groups = new Map<string, Reference[]>();
  for (const ref of refs)
    groups.set(`${ref.dataflow}/${ref.side}`, [...(groups.get(`${ref.dataflow}/${ref.side}`) ?? []), ref]);
  for (const group of groups.values()) {
    const { dataflow: of, side } = group[0] as Reference;
    await preloadLinks(
      run,
      of,
      side,
      group.map((r) => r.id),
    );
  }
  for (const ref of refs) {
    let link = await findLink(run, ref.dataflow, ref.side, ref.id);
    if (!bothIds(link) && depth < MAX_DEPENDENCY_DEPTH) {
      // Past a page's first record a dependency that does not fit stops the page here (pollPage keeps this record).
      if (run.pageDone > 0 && !run.deps.limits.room(ref.dataflow, "dependency")) throw new NoRoom(ref.dataflow);
      await sync(run, ref.dataflow, ref.side, { id: ref.id }, { depth: depth + 1, full: false });
      link = await findLink(run, ref.dataflow, ref.side, ref.id);
    }
    if (link && bothIds(link)) resolver.add(link);
  }
  refs = missing();
  if (refs.length === 0) return { ok: true };
  const reasons: string[] = [];
  let waiting = true;
  for (const ref of refs) {
    const link = await findLink(run, ref.dataflow, ref.side, ref.id);
    const what = dependencyLabel(ref.dataflow, ref.side, ref.id);
    if (!link) {
      waiting = false;
      reasons.push(`${what} could not be synced first`);
    } else {
      if (link.state !== "pending") waiting = false;
      reasons.push(`${what} is ${link.state}${link.lastError ? ` (${link.lastError.message})` : ""}`);
    }
  }
  return {
    ok: false,
    state: waiting ? "pending" : "error",
    message: `Waiting for what it refers to: ${reasons.join("; ")}.`,
  };
}

/**
 * How a waiting record names what it waits for, e.g. "the webshop customer cus_1" (always followed by a space in the
 * message): the words the admin reads, and how waiting-orders.ts finds the orders a newly linked record unblocks.
 */
export function dependencyLabel(dataflow: DataflowId, side: Side, id: string): string {
  return `${SIDE_NAME[side]} ${dataflow.replace(/s$/, "")} ${id}`;
}

function refsOf(dataflow: DataflowId, side: Side, record: SideRecord | null, resolver: LoadedResolver): Reference[] {
  return record ? dependenciesIn(dataflow, side, canonicalOf(dataflow, side, record, resolver)) : [];
}

function unique(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.dataflow}/${r.side}/${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
