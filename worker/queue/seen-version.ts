/**
 * The newest version of a shop record the sync has seen, from its link (`links.webshop_seen`): set when the engine
 * read the record from the feed or a webhook, and when it wrote the record itself. The webhook consumer skips events
 * at or below it without reading the shop: the shop announces every change, the sync's own writes included
 * (docs/webshop-api.md §9: the worker recognises those as echoes), and re-reading each echo would cost two API
 * calls.
 */
import type { Resource } from "../../shared/webshop";
import { DATAFLOWS_OF_RESOURCE } from "../engine";
import type { Store } from "../sync/ports";

export function linkSeenVersion(store: Store) {
  return async (resource: Resource, id: string): Promise<number | null> => {
    for (const dataflow of DATAFLOWS_OF_RESOURCE[resource]) {
      const link = await store.links.findBySideId(dataflow, "webshop", id);
      if (!link) continue;
      const seen = link.seen.webshop === null ? Number.NaN : Number(link.seen.webshop);
      return Number.isSafeInteger(seen) ? seen : null;
    }
    return null;
  };
}
