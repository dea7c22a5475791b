/**
 * The engine's activity entries as rows of `activity_log`, shared by both stores. The webhook consumer's rows in the
 * same table (source 'webshop-webhook', no dataflow) are not the engine's and are never read back as entries.
 */
import { type ActivityEntry, DATAFLOWS, SIDES } from "../core/types";
import { InvalidStoreInputError, jsonText } from "./link-rows";

export const ENGINE_SOURCE = "sync-engine";

export interface ActivityRow {
  at: string;
  action: ActivityEntry["action"];
  message: string;
  dataflow: ActivityEntry["dataflow"];
  link_id: number | null;
  side: ActivityEntry["side"];
  changes: string;
  /** JSON `{ sub }` on an admin's actions, NULL otherwise (0005). */
  actor: string | null;
}

/** `linkId` is the resolved id (an entry may point at a link new in the same commit). */
export function toActivityRow(entry: ActivityEntry, linkId: number | null): ActivityRow {
  if (!DATAFLOWS.includes(entry.dataflow)) throw new InvalidStoreInputError(`unknown dataflow ${entry.dataflow}`);
  if (entry.side !== null && !SIDES.includes(entry.side))
    throw new InvalidStoreInputError(`unknown side ${entry.side}`);
  return {
    at: entry.at,
    action: entry.action,
    message: entry.message,
    dataflow: entry.dataflow,
    link_id: linkId,
    side: entry.side,
    changes: jsonText(entry.changes ?? {}, "activity changes"),
    actor: entry.actor ? jsonText({ sub: entry.actor.sub ?? null }, "activity actor") : null,
  };
}

export function fromActivityRow(row: ActivityRow): ActivityEntry {
  return {
    at: row.at,
    dataflow: row.dataflow,
    linkId: row.link_id,
    side: row.side,
    action: row.action,
    changes: row.changes === null ? {} : JSON.parse(row.changes),
    message: row.message,
    ...(row.actor ? { actor: JSON.parse(row.actor) as ActivityEntry["actor"] } : {}),
  };
}
