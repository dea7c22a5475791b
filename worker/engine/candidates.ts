/**
 * Finding the partner of a record that has none yet, by the dataflow's match key. Before the other side's feed was
 * read once the record waits (first-read.ts); during its side's first sync it is matched against the links' match
 * keys only (the first read put every record of the other side there); after it, by the other side's lookup, or for
 * PowerOffice customers (no e-mail or org number search) the links again. A candidate already linked to another
 * record, or two candidates, is "ambiguous": shown to the admin, never guessed.
 *
 *   gate closed ─▶ waiting     key? ─ no ─▶ none (create)     candidates ─ 0 ─▶ none
 *                                             ├─ 1, free ─▶ one (first link)
 *                                             └─ 2+, or one taken ─▶ ambiguous (in words)
 */

import { matchKeyOf } from "../core/match";
import type { SideError, SideRecord } from "../core/ports";
import { type DataflowId, otherSide, type Side } from "../core/types";
import { firstReadGate, waitingWords } from "./first-read";
import { bothIds, isUnlinked, MERGED } from "./link-shape";
import { RaceLost } from "./new-link";
import { findLink, type HeldLink, knownKey, type Run } from "./run";

export type Match =
  | { kind: "none" }
  | { kind: "one"; record: SideRecord; link: HeldLink | null }
  | { kind: "ambiguous"; message: string }
  | { kind: "waiting"; message: string }
  | { kind: "failed"; error: SideError };

interface Candidate {
  id: string;
  record: SideRecord | null;
  link: HeldLink | null;
}

export async function findPartner(run: Run, dataflow: DataflowId, side: Side, record: SideRecord): Promise<Match> {
  const origin = run.deps.sides[side].originOf?.(dataflow, record.raw) ?? null;
  if (origin !== null) {
    const named = await namedPartner(run, dataflow, side, record, origin);
    if (named) return named;
  }
  const gate = await firstReadGate(run, dataflow, side);
  if (!gate.open) return { kind: "waiting", message: await waitingWords(run, dataflow, side) };
  const key = matchKeyOf(dataflow, side, record.raw);
  if (key === null) return { kind: "none" };
  const other = otherSide(side);
  const found = gate.linksOnly
    ? { ok: true as const, value: { supported: false as const } }
    : await run.deps.sides[other].findByMatchKey(dataflow, key, record);
  if (!found.ok) return { kind: "failed", error: found.error };
  const candidates: Candidate[] = [];
  if (found.value.supported) {
    for (const candidate of found.value.records) {
      candidates.push({
        id: candidate.id,
        record: candidate,
        link: await findLink(run, dataflow, other, candidate.id),
      });
    }
  } else {
    for (const link of await findLinksByKey(run, dataflow, other, key)) {
      const id = link.ids[other];
      if (id !== null && link.lastError?.code !== MERGED) candidates.push({ id, record: null, link });
    }
  }
  // A candidate linked to this very record: another run linked the two since this run looked for the record's link.
  const mine = candidates.find((c) => c.link !== null && c.link.ids[side] === record.id);
  if (mine?.link) throw new RaceLost(mine.link.id);
  const pool = candidates;
  if (pool.length === 0) return { kind: "none" };
  const taken = pool.filter((c) => bothIds(c.link) || isUnlinked(c.link));
  const what = `${ADJECTIVE[other]} ${noun(dataflow)}`;
  const shown = describeKey(key);
  if (pool.length > 1) {
    const list = pool.map((c) => c.id + (c.link && bothIds(c.link) ? " (already linked)" : "")).join(", ");
    return {
      kind: "ambiguous",
      message: `${pool.length} ${what}s match ${shown}: ${list}. Link the right one by hand.`,
    };
  }
  const only = pool[0]!;
  if (taken.length > 0) {
    const partner = only.link?.ids[side];
    const why = isUnlinked(only.link)
      ? "an admin unlinked it from its partner"
      : `it is already linked to ${ADJECTIVE[side]} ${noun(dataflow)} ${partner}`;
    return {
      kind: "ambiguous",
      message: `${cap(what)} ${only.id} matches ${shown}, but ${why}. Link by hand if they belong together.`,
    };
  }
  if (only.link?.state === "ambiguous") {
    return {
      kind: "ambiguous",
      message: `${cap(what)} ${only.id} matches ${shown}, but it matches other records too: ${only.link.lastError?.message ?? "see that record"}`,
    };
  }
  if (gate.linksOnly) {
    const twins = await rivals(run, dataflow, side, record, key);
    if (twins.length > 0) {
      const list = twins.join(", ");
      return {
        kind: "ambiguous",
        message: `${cap(what)} ${only.id} matches ${shown}, and so ${twins.length > 1 ? "do" : "does"} ${ADJECTIVE[side]} ${noun(dataflow)}${twins.length > 1 ? "s" : ""} ${list}. Link the right one by hand.`,
      };
    }
  }
  if (only.record) return { kind: "one", record: only.record, link: only.link };
  const read = await run.deps.sides[other].get(dataflow, only.id);
  if (!read.ok) return { kind: "failed", error: read.error };
  return read.value ? { kind: "one", record: read.value, link: only.link } : { kind: "none" };
}

const ADJECTIVE: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "webshop" };

/**
 * Other records of the record's own side with the same key and no partner yet: from the links, which during a first
 * sync hold every record of both sides. With one of them the partner found has two candidates: none is guessed.
 */
async function rivals(run: Run, dataflow: DataflowId, side: Side, record: SideRecord, key: string): Promise<string[]> {
  const out: string[] = [];
  for (const link of await findLinksByKey(run, dataflow, side, key)) {
    const id = link.ids[side];
    if (id === null || id === record.id || bothIds(link) || isUnlinked(link) || link.lastError?.code === MERGED)
      continue;
    out.push(id);
  }
  return out;
}
/**
 * The partner a record names in its own fields (it was created from it, or linked to it before): found by the link
 * that holds that id, which is how a create whose confirm was lost in a crash is recognised from the other side.
 * null when the named record is unknown or gone: then the match key decides.
 */
async function namedPartner(
  run: Run,
  dataflow: DataflowId,
  side: Side,
  record: SideRecord,
  origin: string,
): Promise<Match | null> {
  const other = otherSide(side);
  const link = await findLink(run, dataflow, other, origin);
  if (isUnlinked(link)) return null;
  const holder = link?.ids[side] ?? null;
  if (link && holder !== null && holder !== record.id) {
    const what = `${ADJECTIVE[side]} ${noun(dataflow)}`;
    return {
      kind: "ambiguous",
      message: `${cap(what)} ${record.id} names ${ADJECTIVE[other]} ${noun(dataflow)} ${origin} as its partner, but that one is linked to ${holder} (a copy?). Link by hand.`,
    };
  }
  const read = await run.deps.sides[other].get(dataflow, origin);
  if (!read.ok) return { kind: "failed", error: read.error };
  return read.value ? { kind: "one", record: read.value, link } : null;
}

const NOUNS: Record<DataflowId, string> = {
  customers: "customer",
  departments: "department",
  products: "product",
  orders: "order",
};
const noun = (dataflow: DataflowId) => NOUNS[dataflow];
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const KEY_WORDS: Record<string, string> = {
  email: "by e-mail",
  organization_number: "by organisation number",
  department_code: "by department code",
  sku: "by SKU",
};

function describeKey(key: string): string {
  const at = key.indexOf(":");
  const field = key.slice(0, at);
  return at > 0 && KEY_WORDS[field] ? `${KEY_WORDS[field]} ${key.slice(at + 1)}` : `match key ${key}`;
}

/**
 * A held link whose record a link this run staged took over (first-read.ts): gone once the run commits. A takeover
 * whose plan was given up (the record deferred, planned again) is not one: its held link is still a candidate.
 */
function takenOver(run: Run, id: number): boolean {
  const drop = run.drops.get(id);
  return drop !== undefined && run.staged.get(drop.into)?.ids[drop.side] === drop.id;
}

/** Links whose `side` record has match key `key`, as this run sees them. */
export async function findLinksByKey(run: Run, dataflow: DataflowId, side: Side, key: string): Promise<HeldLink[]> {
  const stored =
    run.keyed.get(knownKey(dataflow, side, key)) ?? (await run.store.links.findByMatchKey(dataflow, side, key));
  const seen = new Set<number>();
  const out: HeldLink[] = [];
  for (const link of stored) {
    seen.add(link.id);
    if (takenOver(run, link.id)) continue;
    const current = (run.staged.get(link.id) ?? link) as HeldLink;
    if (current.matchKeys[side] === key) out.push(current);
  }
  for (const link of run.staged.values()) {
    if (!seen.has(link.id as number) && link.dataflow === dataflow && link.matchKeys[side] === key) {
      out.push(link as HeldLink);
    }
  }
  return out;
}
