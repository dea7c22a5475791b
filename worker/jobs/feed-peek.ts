/**
 * Does a change feed have anything for the engine? One read after the stored cursor tells, so a quiet feed costs two
 * subrequests (the cursor and the read) and takes no lease, and the budget goes to feeds with work. A feed with a page
 * kept unfinished has work without reading it.
 *
 * The feed's last page, when it holds echoes only (every record at the version its settled link has seen: the sync's
 * own writes coming back, or a shop change its webhook synced already) or only moved the cursor past records of
 * another dataflow, has nothing for the engine either: the cron moves the cursor past it itself (after the pages with
 * work, as budget is left; else the next run does), in one conditional write that yields to a holder of the feed's
 * poll lease (`skipEchoes`). So a change in steady state costs no `poll` message and no second read of the page
 * (docs/sync-engine.md, "Triggers").
 * The links looked up for that test go to the engine's page when the feed has work, so they are not read twice.
 */
import { WEBSHOP_RESOURCE } from "../core/dataflows/shop-records";
import type { SidePort, SideRecord, Store } from "../core/ports";
import type { DataflowId, Link, Side } from "../core/types";
import { settled } from "../engine/link-shape";
import type { PeekedPage } from "../engine/poll-page";
import { matchedKey } from "../engine/settings";
import type { WebhookInbox } from "../webhooks/inbox";

/**
 * `echoes`: the page holds echoes only; `skipEchoes` moves the cursor past it, to `cursor`.
 * `awaiting`: the page's changes are each carried by a webhook event its own invocation is syncing right now
 * (`awaitingEvents`); the cursor stays, and the next run looks again.
 * `peeked`: the links of the page's records when it has work, for the engine's page not to read them again.
 */
export type Peek =
  | { work: true; peeked?: Peeked }
  | { work: false; echoes?: { from: unknown; cursor: unknown } }
  | { work: false; awaiting: number }
  | { work: false; error: string };

/** What the peek read: the page after `from`, its records' ids and links, and which records are echoes (in order). */
export interface Peeked extends PeekedPage {
  echoes: boolean[];
}

/** The page size of a peek: the engine's own, so the connector asks PowerOffice the same question it will. */
export const PEEK_PAGE_SIZE = 25;
/** Moving the cursor past a page of echoes: one conditional write. */
export const SKIP_ECHOES_COST = 1;

export async function peekFeed(
  deps: { store: Store; sides: Record<Side, SidePort>; inbox: Pick<WebhookInbox, "awaiting">; now: () => number },
  dataflow: DataflowId,
  side: Side,
  /** The cursor, and whether a page is kept with it, when the caller read them already (the cron: one batch). */
  known?: { cursor: unknown | null; kept: boolean },
): Promise<Peek> {
  const { cursor, kept } = known ?? (await readCursor(deps.store, dataflow, side));
  // Never read: the engine's first page stores a cursor (and may open the customers gate) even when it is empty.
  // A page kept unfinished is work without a read.
  if (cursor === null || kept) return { work: true };
  const page = await deps.sides[side].feedPage(dataflow, cursor, PEEK_PAGE_SIZE);
  if (!page.ok) return { work: false, error: page.error.message };
  const moved = JSON.stringify(page.value.cursor) !== JSON.stringify(cursor);
  if (page.value.records.length === 0 && !moved) return { work: false };
  const ids = page.value.records.map((r) => r.id);
  const links = ids.length > 0 ? await deps.store.links.findBySideIds(dataflow, side, ids) : [];
  const echoes = echoFlags(side, page.value.records, links);
  // A page of echoes that is not the feed's end says more follows: the sync's own writes coming back in bulk, as
  // after a large first sync (thousands), or another dataflow's records (the shop's customers, read for
  // departments). Skipped here a page a run, they would hide a change behind them for hours; the engine reads on
  // through them instead, page after page, and a chain goes on if it must. The feed's last page of echoes is the
  // steady state's: skipped here, with no message.
  const backlog = !page.value.done;
  if (!echoes.every(Boolean) && !backlog) {
    const awaiting = await awaitingEvents(deps.inbox, deps.now(), dataflow, side, page.value.records, echoes);
    if (awaiting > 0) return { work: false, awaiting };
  }
  if (!echoes.every(Boolean) || backlog) {
    return { work: true, peeked: { from: cursor, page: page.value, ids, links, echoes } };
  }
  // Until a feed's first sync is over, its end opens the first-read gate (engine/first-read.ts): the engine's page.
  if (dataflow !== "orders" && !(await deps.store.settings.get(matchedKey(dataflow, side)))) {
    return { work: true, peeked: { from: cursor, page: page.value, ids, links, echoes } };
  }
  return { work: false, echoes: { from: cursor, cursor: page.value.cursor } };
}

async function readCursor(store: Store, dataflow: DataflowId, side: Side) {
  const { value, page } = await store.cursors.read(dataflow, side);
  return { cursor: value, kept: page !== null };
}

/**
 * Moves a feed's cursor past a page of echoes, from the cursor the peek read (`echoes.from`) to the page's end, in one
 * conditional write (`Store.cursors.skip`: 1 D1 row). False when the cursor is no longer where the peek read it, a
 * page is kept beside it, or someone holds the feed's poll lease (a chain reading the feed moves the cursor itself):
 * the next run looks again. Taking the poll lease and giving it back around a commit cost 3 rows for the same move.
 */
export async function skipEchoes(
  deps: { store: Store; now: () => number },
  dataflow: DataflowId,
  side: Side,
  echoes: { from: unknown; cursor: unknown },
  lease: string,
): Promise<boolean> {
  return deps.store.cursors.skip(dataflow, side, { from: echoes.from, to: echoes.cursor, lease, nowMs: deps.now() });
}

/** The engine's own test of an unchanged record (engine/sync-record.ts): a settled link has seen this marker. */
function echoFlags(side: Side, records: SideRecord[], links: Link[]): boolean[] {
  const byId = new Map(links.map((link) => [link.ids[side], link]));
  return records.map((record) => {
    const link = byId.get(record.id);
    return link !== undefined && settled(link) && link.seen[side] === record.marker;
  });
}

/**
 * How long after its arrival a webhook event may still be synced by the invocation that received it: that sync runs
 * in `ctx.waitUntil`, which the platform lets run at most 30 s past the answer
 * (https://developers.cloudflare.com/workers/runtime-apis/context/). Past it the cron syncs the record from its feed
 * as usual, well before the inbox's sweep would send the event to the queue (webhooks/sweep.ts, 60 s).
 */
export const EVENT_IN_HAND_MS = 30_000;

/**
 * A shop feed's last page whose changes (the records that are not echoes) are each carried by an event recorded in the
 * last EVENT_IN_HAND_MS and still 'received' (its version at or past the record's): the invocation that received it
 * is syncing it. The cron then leaves the page alone this run rather than read the PowerOffice partner a second time
 * beside that sync, only to find the link moved on when it claims it; the cursor stays, so the next run reads the page
 * again and finds echoes (or, should that sync have failed, syncs the records itself). Answers how many records are
 * so left, 0 when any change is not.
 */
async function awaitingEvents(
  inbox: Pick<WebhookInbox, "awaiting">,
  nowMs: number,
  dataflow: DataflowId,
  side: Side,
  records: SideRecord[],
  echoes: boolean[],
): Promise<number> {
  if (side !== "webshop") return 0;
  const changes = records.filter((_, index) => !echoes[index]);
  const versions = changes.map((record) => wholeVersion(record.marker));
  if (versions.some((version) => version === null)) return 0;
  const since = new Date(nowMs - EVENT_IN_HAND_MS).toISOString();
  const awaiting = await inbox.awaiting(
    WEBSHOP_RESOURCE[dataflow],
    changes.map((record) => record.id),
    since,
  );
  const carried = changes.every((record, index) => (awaiting.get(record.id) ?? -1) >= versions[index]!);
  return carried ? changes.length : 0;
}

/** A shop version as a webhook carries it, a whole number; null for a marker that is not one. */
function wholeVersion(marker: string): number | null {
  return /^[0-9]{1,15}$/.test(marker) ? Number(marker) : null;
}
