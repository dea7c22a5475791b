/**
 * How a webshop event reads and syncs its record, for the queue's consumer and for intake's inline processing alike.
 * The shop's record is read through the engine's webshop side (the connector has already retried 5xx and lost
 * answers and waited out short 429s; what it still returns goes back to the queue, which retries later), and the
 * engine syncs that copy. A record the engine could not sync is not a failed event: its link holds the error.
 * Without a usable configuration every read fails with the problems named, so messages retry, then dead-letter.
 */
import * as v from "valibot";
import type { Resource } from "../../shared/webshop";
import { RESOURCE_SPECS, type WebshopRecord } from "../connectors/webshop/resources";
import { DATAFLOWS_OF_RESOURCE, dataflowOfWebshopRecord } from "../core/dataflows/shop-records";
import type { SideRecord } from "../core/ports";
import { webshopRecord } from "../sides/webshop-records";
import type { WebshopEventDeps } from "../webhooks/process-event";
import type { Origin } from "../webhooks/writer-in-flight";
import type { Deps } from "./build-deps";
import { syncOffBecause } from "./poweroffice-connection";

export interface WebshopEventSides extends Pick<WebshopEventDeps, "read" | "sync"> {
  /** The PowerOffice record a shop record names as its partner (`external_ids`), in the record's own dataflow. */
  originOf(resource: Resource, record: SideRecord): Origin | null;
}

export function webshopEventSides(deps: Deps): WebshopEventSides {
  const setup = deps.sync;
  if (!setup.ok) {
    const message = `The worker's configuration is incomplete: ${setup.problems.join("; ")}`;
    return {
      read: async () => ({ ok: false, error: { side: "webshop", code: "configuration", message, retryable: true } }),
      sync: async () => {
        throw new Error(message);
      },
      originOf: () => null,
    };
  }
  return {
    originOf: (resource, record) => {
      const dataflow = dataflowOfWebshopRecord(resource, record.raw);
      const id = dataflow ? (setup.sides.webshop.originOf?.(dataflow, record.raw) ?? null) : null;
      return dataflow && id ? { dataflow, id } : null;
    },
    read: (resource, id) => setup.sides.webshop.get(DATAFLOWS_OF_RESOURCE[resource][0]!, id),
    sync: async (resource, id, record) => {
      // Not connected: the event is recorded and nothing synced; the shop's change feed brings the record once it is.
      if (await syncOffBecause(deps)) return;
      await setup.engine.syncWebshopRecord(resource, id, record);
    },
  };
}

/**
 * The record an event's `data` carries, when it is the whole record of the contract at the event's version
 * (docs/webshop-api.md §4: `data` may carry the whole object). It is the record as it was at that version, not
 * necessarily the latest: a later change sends a later event, and the sync core treats it as any record read at
 * that version (an older version than the link has seen is skipped by the guard). Anything less, or anything that
 * does not validate, is not used: the record is read from the shop instead.
 */
export function carriedRecord(
  resource: Resource,
  event: { id: string; version: number; type: string },
  data: Record<string, unknown>,
): SideRecord | null {
  if (event.type.endsWith(".deleted")) return null;
  const parsed = v.safeParse(RESOURCE_SPECS[resource].record, data);
  if (!parsed.success) return null;
  const record = parsed.output as WebshopRecord;
  if (record.id !== event.id || record.version !== event.version) return null;
  return webshopRecord(record);
}
