/**
 * The first-read gate of a dataflow: a record with no partner is matched only once both sides' feeds have been read
 * to their end (then the links hold every record of both sides and its match key: a record's candidates on the other
 * side, and the records of its own side that want the same partner, are all known). Until then the record is
 * recorded on a pending link with its key, and neither looked up nor created. When the second of the two first reads
 * completes, both feeds are read again from their start (poll-page.ts), which takes the held records up: each side is
 * read twice in a first sync, and no record costs a queue message or a lookup of its own. Orders never match by
 * content: no gate.
 *
 *   matched:<dataflow>:<this side> set? ─ yes ─▶ open; look the record up on the other side (steady state)
 *        └ no ─▶ first-read of both sides set? ─ yes ─▶ open; match by the links only
 *                                                └ no ──▶ wait (pending link, no retry time)
 */
import { matchKeyOf } from "../core/match";
import type { Commit, SideRecord } from "../core/ports";
import { type DataflowId, DIRECTIONS, otherSide, type Side } from "../core/types";
import { linkError, SIDE_NAME } from "./link-shape";
import { blankLink } from "./new-link";
import { type HeldLink, iso, type Run, stage } from "./run";
import { brakeKey, firstReadKey, matchedKey, pauseKey } from "./settings";
import type { RecordOutcome } from "./sync-types";

export const WAITING_FOR_FIRST_READ = "waiting-for-first-read";

export interface Gate {
  /** The other side's feed has been read to its end once: its records are all in the links. */
  open: boolean;
  /** Match by the links alone, no lookup: this side's first sync is still under way. */
  linksOnly: boolean;
}

/**
 * The settings the gate of a side asks, read in one query, with the pause and brake switches the record's writes ask
 * next (holds.ts): one D1 round trip for all of them.
 */
const gateKeys = (dataflow: DataflowId, side: Side) => [
  matchedKey(dataflow, side),
  firstReadKey(dataflow, side),
  firstReadKey(dataflow, otherSide(side)),
  ...DIRECTIONS.map((direction) => pauseKey(dataflow, direction)),
  brakeKey(dataflow),
];

export async function firstReadGate(run: Run, dataflow: DataflowId, side: Side): Promise<Gate> {
  if (dataflow === "orders") return { open: true, linksOnly: false };
  await run.settings.load(gateKeys(dataflow, side));
  if ((await run.settings.get(matchedKey(dataflow, side))) !== null) return { open: true, linksOnly: false };
  const open =
    (await run.settings.get(firstReadKey(dataflow, otherSide(side)))) !== null &&
    (await run.settings.get(firstReadKey(dataflow, side))) !== null;
  return { open, linksOnly: true };
}

const PLURAL: Record<DataflowId, string> = {
  customers: "customers",
  departments: "departments",
  products: "products",
  orders: "orders",
};

/** Which first read a record waits for, in words: the other side's, or (once that is done) its own side's. */
export async function waitingWords(run: Run, dataflow: DataflowId, side: Side): Promise<string> {
  const otherRead = (await run.settings.get(firstReadKey(dataflow, otherSide(side)))) !== null;
  const waitFor = SIDE_NAME[otherRead ? side : otherSide(side)];
  return `Waiting for the first read of ${waitFor}: no partner is looked for or created before all ${PLURAL[dataflow]} of both systems have been read once. This goes on by itself when that read is done.`;
}

/** Records `record` on its link (inserted when it has none) as waiting for the gate: no retry time, no activity. */
export async function holdForFirstRead(
  run: Run,
  dataflow: DataflowId,
  side: Side,
  record: SideRecord,
  link: HeldLink | null,
  message: string,
): Promise<RecordOutcome> {
  const key = matchKeyOf(dataflow, side, record.raw);
  const lastError = linkError(WAITING_FOR_FIRST_READ, message);
  const outcome = (held: HeldLink): RecordOutcome => ({
    linkId: held.id,
    state: held.state,
    message,
    written: 0,
    failed: false,
  });
  if (!link) {
    const fresh = blankLink(dataflow, { [side]: record.id, [otherSide(side)]: null } as Record<Side, string | null>);
    fresh.matchKeys[side] = key;
    // Written with the run's commit, all of a page's in one batch: nothing is sent for it, and a record another run
    // linked meanwhile keeps that link instead (Commit.holdLinks).
    run.holds.push({ ...fresh, lastError });
    return { linkId: null, state: "pending", message, written: 0, failed: false };
  }
  const same =
    link.state === "pending" &&
    link.lastError?.code === WAITING_FOR_FIRST_READ &&
    link.lastError.message === message &&
    link.matchKeys[side] === key &&
    link.nextRetryAt === null;
  if (same) return outcome(link);
  const held: HeldLink = {
    ...link,
    state: "pending",
    lastError,
    nextRetryAt: null,
    matchKeys: { ...link.matchKeys, [side]: key },
  };
  stage(run, held);
  return outcome(held);
}

/**
 * At the end of a feed (a page that moved its cursor and reached the end). The first time, this side's first read is
 * complete; when the other side's is too, the records both held go on by reading both feeds again from their start
 * (restarted in the same commit, not one queue message each). A pass that began after both first reads completed
 * ends this side's first sync: from then on its new records are looked up on the other side.
 */
export async function endOfFeed(
  run: Run,
  dataflow: DataflowId,
  side: Side,
  began: number,
): Promise<NonNullable<Commit["restartFeeds"]>> {
  if (dataflow === "orders") return [];
  await run.settings.load(gateKeys(dataflow, side));
  if ((await run.settings.get(matchedKey(dataflow, side))) !== null) return [];
  const other = otherSide(side);
  const now = iso(run.now());
  const otherRead = await run.settings.get(firstReadKey(dataflow, other));
  const ownRead = await run.settings.get(firstReadKey(dataflow, side));
  if (ownRead === null) {
    run.settings.stage(firstReadKey(dataflow, side), now);
    return otherRead === null
      ? []
      : [
          { dataflow, side },
          { dataflow, side: other },
        ];
  }
  // The same test as the page's cursor (poll-page.ts): both first reads completed before this page began.
  if (otherRead !== null && otherRead <= iso(began) && ownRead <= iso(began)) {
    run.settings.stage(matchedKey(dataflow, side), now);
  }
  return [];
}

/** A link that only ever held one record waiting for the first read: nothing refers to it, so it may be dropped. */
export function heldOnly(link: HeldLink): boolean {
  return (
    link.state === "pending" &&
    link.lastError?.code === WAITING_FOR_FIRST_READ &&
    link.reference === null &&
    link.rev !== undefined &&
    (link.ids.poweroffice === null || link.ids.webshop === null) &&
    !link.snapshots.poweroffice &&
    !link.snapshots.webshop
  );
}
