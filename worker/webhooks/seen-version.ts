/**
 * The one "already seen this version" guard of the webhook path: the newest version of a shop record the sync has
 * seen, on its link (`links.webshop_seen`: read from the feed or a webhook, or written by the sync itself) or handed
 * to the engine by an earlier event (the inbox's `handled_version`), and whether its deletion was handed off.
 * The shop announces every change, the sync's own writes included (docs/webshop-api.md §9: the worker recognises
 * those as echoes): an event at or below this version carries nothing new, and is skipped without reading the shop.
 */
import type { Resource } from "../../shared/webshop";
import { DATAFLOWS_OF_RESOURCE } from "../core/dataflows/shop-records";
import type { Store } from "../core/ports";
import type { WebhookInbox } from "./inbox";

/**
 * The rule, its one home: an event at or below the newest version the sync has seen carries nothing new. The
 * consumer applies it in code (`isSeen`); intake applies it in the statement that records the event
 * (`SEEN_AT_INTAKE`), so an echo is settled in the same D1 round trip as the inbox insert (and writes nothing). Both read the same two
 * sources: the link's `webshop_seen` and the versions earlier events handed off.
 */
export function isSeen(seenVersion: number | null, version: number): boolean {
  return seenVersion !== null && version <= seenVersion;
}

/**
 * SQL for the newest version of one shop record the sync has seen: the link's (in any dataflow of the resource; a
 * `webshop_seen` that is not a whole number counts as unseen, like `linkSeen` below) or the newest handed off by an
 * earlier event. Its arguments are SQL: the record's resource, its id, and the resource's dataflows as a JSON array
 * (for json_each, which also takes a path after it).
 */
export const seenVersionSql = (resource: string, id: string, dataflows: string) => `(SELECT MAX(version) FROM (
    ${linkVersionsSql(id, dataflows)}
    UNION ALL
    SELECT MAX(handled_version) FROM webhook_inbox WHERE resource = ${resource} AND resource_id = ${id} AND status = 'processed'))`;

/** A link row's `webshop_seen` as a version: NULL where it is not a whole number. */
export const LINK_SEEN_VERSION = `CASE
      WHEN webshop_seen GLOB '[0-9]*' AND webshop_seen NOT GLOB '*[^0-9]*' AND length(webshop_seen) <= 15
      THEN CAST(webshop_seen AS INTEGER) END`;

/** The version on each link of the record (NULL where `webshop_seen` is not a whole number); arguments as above. */
const linkVersionsSql = (id: string, dataflows: string) => `SELECT ${LINK_SEEN_VERSION} AS version
    FROM links WHERE dataflow IN (SELECT value FROM json_each(${dataflows})) AND webshop_id = ${id}`;

/** The newest version of the record its links have seen, NULL when none has; arguments as `seenVersionSql`'s. */
export const linkSeenVersionSql = (id: string, dataflows: string) =>
  `(SELECT MAX(version) FROM (${linkVersionsSql(id, dataflows)}))`;

const SEEN_VERSION_SQL = seenVersionSql("?4", "?5", "?7");

/**
 * What intake's insert needs to apply `isSeen` in SQL, over its parameters (`?4` resource, `?5` id, `?6` the event's
 * version, `?7` the resource's dataflows as a JSON array, `?8` 1 for a deletion) and the column `seen` it selects
 * from `version`. A deletion is never seen: it may name the last version, which the sync has seen.
 */
export const SEEN_AT_INTAKE = {
  version: SEEN_VERSION_SQL,
  isSeen: "(?8 = 0 AND ?6 <= seen)",
} as const;

export interface SeenVersion {
  /** Null when the sync has not seen the record at all. */
  version: number | null;
  /** Where the newest version was seen: the link (a feed, a webhook, the sync's own write) or an earlier hand-off. */
  by: "link" | "hand-off";
  /** An earlier event handed the record's deletion off. */
  deleted: boolean;
}

/**
 * `enough`: a version that settles the question when the link has seen it (the event's, for an echo), so the inbox
 * is not asked: an echo costs the link's lookup only.
 */
export function seenVersion(store: Store, inbox: Pick<WebhookInbox, "handedOff">) {
  return async (resource: Resource, id: string, enough?: number): Promise<SeenVersion> => {
    const linked = await linkSeen(store, resource, id);
    if (linked !== null && enough !== undefined && enough <= linked) {
      return { version: linked, by: "link", deleted: false };
    }
    const handed = await inbox.handedOff(resource, id);
    const byHandOff = handed.version !== null && (linked === null || handed.version > linked);
    return {
      version: byHandOff ? handed.version : linked,
      by: byHandOff ? "hand-off" : "link",
      deleted: handed.deleted,
    };
  };
}

async function linkSeen(store: Store, resource: Resource, id: string): Promise<number | null> {
  for (const dataflow of DATAFLOWS_OF_RESOURCE[resource]) {
    const link = await store.links.findBySideId(dataflow, "webshop", id);
    if (!link) continue;
    const seen = link.seen.webshop === null ? Number.NaN : Number(link.seen.webshop);
    return Number.isSafeInteger(seen) ? seen : null;
  }
  return null;
}
