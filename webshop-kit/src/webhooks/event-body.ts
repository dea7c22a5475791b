/**
 * The body of one webhook event (docs/webshop-api.md §9): `type` (singular resource + change), `timestamp` (the
 * change's updated_at) and `data`. `data` is the whole record while it is still at the event's version, so the body of
 * one event is the same bytes on every retry; once the record moved on or is gone, `data` is just `{id, version}` of
 * the change: the receiver re-reads the record anyway, and every event still names its own version.
 */
import type { OutboxEvent, Resource, StoredRecord } from "../adapter.js";

const SINGULAR: Record<Resource, string> = { customers: "customer", products: "product", orders: "order" };

export function eventType(event: Pick<OutboxEvent, "resource" | "kind">): string {
  return `${SINGULAR[event.resource]}.${event.kind}`;
}

export function eventBody(event: OutboxEvent, current: StoredRecord | null): string {
  const data =
    current && current.version === event.version && event.kind !== "deleted"
      ? current
      : { id: event.recordId, version: event.version };
  return JSON.stringify({ type: eventType(event), timestamp: event.at, data });
}
