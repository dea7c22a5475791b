/**
 * What the consumer needs from the webshop: the current record by id (docs/webshop-api.md §5, `GET /R/{id}`), or
 * "not found".
 * `connectorShopReader` adapts the webshop connector's `get` (worker/connectors/webshop) to it.
 */
import type { Resource } from "../../shared/webshop";
import type { WebshopClient, WebshopRecord } from "../connectors/webshop";

export type { WebshopRecord };

export type ShopRead =
  | { ok: true; found: true; record: WebshopRecord }
  | { ok: true; found: false }
  /** Worth another try later; `retryAfterSeconds` when the shop asked for a pause (429). */
  | { ok: false; message: string; retryAfterSeconds?: number };

export interface ShopRecordReader {
  get(resource: Resource, id: string): Promise<ShopRead>;
}

/**
 * The connector has already retried 5xx and lost answers a few times and waited out short 429s; what it still
 * returns as an error goes back to the queue, which retries later with longer delays.
 */
export function connectorShopReader(client: Pick<WebshopClient, "get">): ShopRecordReader {
  return {
    async get(resource, id) {
      const result = await client.get(resource, id);
      if (result.ok) return { ok: true, found: true, record: result.value };
      const error = result.error;
      switch (error.kind) {
        case "not-found":
          return { ok: true, found: false };
        case "rate-limited":
          return { ok: false, message: error.message, retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) };
        default:
          return { ok: false, message: error.message };
      }
    },
  };
}
