/**
 * One engine call (a feed page, one record, a slice of retries): what it has learned but not yet committed, seen
 * through by its own reads so that two records of one page never both take the same partner, and committed in ONE
 * store commit (with the page's cursor) at the end.
 */
import {
  type Commit,
  type CommitActivity,
  DuplicateLinkError,
  type LinkWrite,
  StaleLinkError,
  type Store,
} from "../core/ports";
import type { DataflowId, Link, Side } from "../core/types";
import { releaseClaims } from "./claims";
import type { EngineDeps } from "./engine-options";
import { resyncStale } from "./resync";
import { type SettingsCache, settingsCache } from "./settings";
import { wakeWaiting } from "./waiting-orders";

/** A link as the engine holds it: always with an id (new links are inserted pending before anything else). */
export type HeldLink = LinkWrite & { id: number };

export interface Run {
  /** Who this run is when it claims a link (a lease holder). */
  id: string;
  deps: EngineDeps;
  store: Store;
  settings: SettingsCache;
  /** Side writes sent in this call (creates, updates, archives), for maxWritesPerRun. */
  writes: number;
  /** Records being synced right now, so a dependency cycle ends instead of recursing. */
  visiting: Set<string>;
  staged: Map<number, LinkWrite>;
  /**
   * Links read ahead in one query for a feed page (`preloadLinks`), by dataflow, side and record id; null for "no
   * link". Only what the store held before this run wrote anything: staged writes and inserts take precedence.
   */
  known: Map<string, HeldLink | null>;
  /** Links by match key read ahead in one query for a page's unlinked records (`preloadKeys`), like `known`. */
  keyed: Map<string, HeldLink[]>;
  /**
   * Held links (first-read.ts) whose one record a staged link took, by id: dropped in the commit that writes that
   * link (`into`) holding the record, instead of being kept as merged tombstones.
   */
  drops: Map<number, { rev: number; into: number; side: Side; id: string }>;
  /** Links of records held for the first read (first-read.ts), inserted by the run's commit (`Commit.holdLinks`). */
  holds: LinkWrite[];
  /** Links this run inserted: a create through one of them is a first attempt, not a retry. */
  fresh: Set<number>;
  activity: CommitActivity[];
  /** Links this run claimed (claims.ts): given back after its commit. */
  claims: Set<number>;
  /** A record was left to another run writing it: a feed page must not move its cursor past it. */
  deferred: boolean;
  /** How many re-plans of stale links led to this run (bounded by MAX_RESYNCS). */
  resyncs: number;
  /**
   * Records of a feed page this run has finished: past the first, a dependency that does not fit the invocation stops
   * the page (NoRoom) instead of running the budget out.
   */
  pageDone: number;
  now(): number;
}

export function newRun(deps: EngineDeps, resyncs = 0): Run {
  return {
    id: `run:${crypto.randomUUID()}`,
    deps,
    store: deps.store,
    settings: settingsCache(deps.store),
    writes: 0,
    visiting: new Set(),
    staged: new Map(),
    known: new Map(),
    keyed: new Map(),
    drops: new Map(),
    holds: [],
    fresh: new Set(),
    activity: [],
    claims: new Set(),
    deferred: false,
    resyncs,
    pageDone: 0,
    now: () => deps.clock.now(),
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Thrown when a record of a feed page needs more than the invocation has left (an order bringing a new customer or
 * product along): the page stops before that record and keeps it, with the rest, for the next invocation.
 */
export class NoRoom extends Error {
  override readonly name = "NoRoom";
}

/** Stages a link write (a later write of the same link replaces an earlier one) and its activity. */
export function stage(run: Run, link: HeldLink, activity: CommitActivity[] = []): void {
  run.staged.delete(link.id);
  run.staged.set(link.id, link);
  run.activity.push(...activity.map((entry) => ({ ...entry, linkId: entry.linkId ?? link.id })));
}

/** The link holding `side`'s record `id`, as this run sees it (its own staged writes first). */
export async function findLink(run: Run, dataflow: DataflowId, side: Side, id: string): Promise<HeldLink | null> {
  for (const link of [...run.staged.values()].reverse()) {
    if (link.dataflow === dataflow && link.ids[side] === id) return link as HeldLink;
  }
  const key = knownKey(dataflow, side, id);
  const stored = run.known.has(key)
    ? (run.known.get(key) ?? null)
    : await run.store.links.findBySideId(dataflow, side, id);
  if (!stored) return null;
  const mine = run.staged.get(stored.id);
  if (mine) return mine.ids[side] === id ? (mine as HeldLink) : null;
  return stored;
}

export const knownKey = (dataflow: DataflowId, side: Side, id: string) => `${dataflow}\u0000${side}\u0000${id}`;

/**
 * Reads the links of a page's records in one query, so syncing each record does not read its link on its own: a
 * page of records the sync has seen already (its own writes read back) then costs no query per record.
 */
export async function preloadLinks(run: Run, dataflow: DataflowId, side: Side, ids: string[]): Promise<void> {
  const wanted = ids.filter((id) => !run.known.has(knownKey(dataflow, side, id)));
  if (wanted.length === 0) return;
  const found = await run.store.links.findBySideIds(dataflow, side, wanted);
  for (const id of wanted) run.known.set(knownKey(dataflow, side, id), null);
  for (const link of found) {
    const id = link.ids[side];
    if (id !== null) run.known.set(knownKey(dataflow, side, id), link);
  }
}

/**
 * Reads the links holding any of `keys` on either side in one query (a page's unlinked records, matched by the links:
 * their candidates on the other side, their rivals on their own).
 */
export async function preloadKeys(run: Run, dataflow: DataflowId, keys: string[]): Promise<void> {
  const sides = ["poweroffice", "webshop"] as const;
  const wanted = [...new Set(keys)].filter((key) => sides.some((s) => !run.keyed.has(knownKey(dataflow, s, key))));
  if (wanted.length === 0) return;
  const found = await run.store.links.findByMatchKeys(dataflow, wanted);
  for (const key of wanted) for (const side of sides) run.keyed.set(knownKey(dataflow, side, key), []);
  for (const link of found) {
    for (const side of sides) {
      const key = link.matchKeys[side];
      if (key !== null) run.keyed.get(knownKey(dataflow, side, key))?.push(link);
    }
  }
}

/**
 * Links read just before the run (the cron's peek of the same feed: worker/jobs/feed-peek.ts): the run knows them, and
 * that the other ids have none, without reading them again.
 */
export function knowLinks(run: Run, dataflow: DataflowId, side: Side, ids: string[], links: Link[]): void {
  for (const id of ids) run.known.set(knownKey(dataflow, side, id), null);
  for (const link of links) {
    const id = link.ids[side];
    if (id !== null) run.known.set(knownKey(dataflow, side, id), link);
  }
}

/** What the run read ahead about a link's records no longer holds once it inserted or found that link itself. */
export function forgetKnown(run: Run, link: LinkWrite): void {
  for (const side of ["poweroffice", "webshop"] as const) {
    const id = link.ids[side];
    if (id !== null) run.known.delete(knownKey(link.dataflow, side, id));
    const key = link.matchKeys[side];
    if (key !== null) run.keyed.delete(knownKey(link.dataflow, side, key));
  }
}

export async function getLink(run: Run, id: number): Promise<HeldLink | null> {
  const mine = run.staged.get(id);
  if (mine) return mine as HeldLink;
  return run.store.links.get(id);
}

/**
 * Commits what the run staged, with `cursor` when given, under the run's fence, then gives its claims back. A link
 * another run changed meanwhile costs only that link: the others are committed one by one; a link whose record
 * another run linked first (DuplicateLinkError) is left pending for the retry pass, and a link another run wrote
 * since this one read it (StaleLinkError) is read again and planned again, before the cursor moves past it.
 */
export async function flush(run: Run, cursor?: Commit["cursor"], restartFeeds: RestartFeeds = []): Promise<void> {
  const woken = await wakeWaiting(run);
  try {
    await commitStaged(run, cursor, restartFeeds);
  } finally {
    await releaseClaims(run);
  }
  if (woken.length > 0) run.deps.onWoken(woken);
}

type RestartFeeds = NonNullable<Commit["restartFeeds"]>;

async function commitStaged(run: Run, cursor: Commit["cursor"], restartFeeds: RestartFeeds): Promise<void> {
  // What was read ahead is not trusted past a commit.
  run.known.clear();
  run.keyed.clear();
  const links = [...run.staged.values()];
  const activity = run.activity;
  const holds = run.holds.length > 0 ? { holdLinks: run.holds } : {};
  const settings = run.settings.take();
  const restarts = restartFeeds.length > 0 ? { restartFeeds } : {};
  const dropsFor = (into: LinkWrite[]) => {
    const out: Array<{ id: number; rev: number }> = [];
    for (const [id, drop] of run.drops) {
      if (into.some((l) => l.id === drop.into && l.ids[drop.side] === drop.id)) out.push({ id, rev: drop.rev });
    }
    return out.length > 0 ? { dropLinks: out } : {};
  };
  if (links.length === 0 && activity.length === 0 && !cursor && !settings && run.claims.size === 0) {
    if (restartFeeds.length === 0 && run.holds.length === 0) return;
  }
  run.staged = new Map();
  run.activity = [];
  run.holds = [];
  // Renewed first if due: a lease about to run out is not one to commit under.
  await run.deps.leases.keep();
  const fence = run.deps.fence ? { fence: run.deps.fence } : {};
  const commit = (c: Commit) => run.store.commit({ ...c, ...fence });
  // The run's claims go back in the same batch as its links.
  const release = run.claims.size > 0 ? { releaseHolder: run.id, releaseLinks: [...run.claims] } : {};
  try {
    await commit({
      links,
      activity,
      ...(cursor ? { cursor } : {}),
      ...(settings ? { settings } : {}),
      ...restarts,
      ...dropsFor(links),
      ...holds,
      ...release,
    });
    run.drops.clear();
    run.claims.clear();
    run.deps.leases.forget(run.id);
  } catch (error) {
    if (!(error instanceof DuplicateLinkError || error instanceof StaleLinkError)) {
      for (const [key, value] of Object.entries(settings ?? {})) run.settings.stage(key, value);
      throw error;
    }
    run.deps.log(`commit refused (${error.message}); committing the page's links one by one`);
    const stale: LinkWrite[] = [];
    for (const link of links) {
      const mine = activity.filter((entry) => entry.linkId === link.id);
      try {
        await commit({ links: [link], activity: mine, ...dropsFor([link]) });
      } catch (single) {
        if (single instanceof DuplicateLinkError) {
          run.deps.log(`link ${link.id} (${link.dataflow}) lost a race with another run; the retry pass takes it up`);
        } else if (single instanceof StaleLinkError) {
          stale.push(link);
          // What was sent for it did happen: the log keeps it, the link is planned again from a fresh read.
          if (mine.length > 0) await commit({ links: [], activity: mine });
        } else throw single;
      }
    }
    run.drops.clear();
    await releaseClaims(run);
    for (const link of stale) await resyncStale(run, link);
    const rest = activity.filter((entry) => !links.some((link) => link.id === entry.linkId));
    await commit({
      links: [],
      activity: rest,
      ...(cursor ? { cursor } : {}),
      ...(settings ? { settings } : {}),
      ...restarts,
      ...holds,
    });
  }
}
