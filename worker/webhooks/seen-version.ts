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
