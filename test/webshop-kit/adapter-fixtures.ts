/** Shared pieces of the adapter contract: a factory, fixed times, and writes built the way the kit builds them. */
import type {
  OutboxEvent,
  RecordContent,
  RecordKeys,
  RecordWrite,
  Resource,
  StoredRecord,
  WebshopAdapter,
  WriteResult,
} from "../../webshop-kit/src/adapter";

/** Each call gives an adapter with nothing in it and its change clock at zero (a fresh memory adapter, emptied tables). */
export type MakeAdapter = () => Promise<WebshopAdapter>;

export const T0 = Date.parse("2026-11-26T12:00:00.000Z");
export const iso = (ms: number) => new Date(ms).toISOString();

export function customer(
  name: string,
  extra: Partial<RecordContent> = {},
): { content: RecordContent; keys: RecordKeys } {
  const email = `${name.toLowerCase()}@example.com`;
  return {
    content: { name, email: `  ${name}@Example.com `, external_ids: {}, ...extra },
    keys: { email, organization_number: null },
  };
}

export function product(sku: string, extra: Partial<RecordContent> = {}): { content: RecordContent; keys: RecordKeys } {
  return {
    content: { sku, name: `Product ${sku}`, external_ids: {}, ...extra },
    keys: { sku: sku.trim().toLowerCase() },
  };
}

export function order(orderNumber: string): { content: RecordContent; keys: RecordKeys } {
  return { content: { order_number: orderNumber, lines: [], external_ids: {} }, keys: { order_number: orderNumber } };
}

interface Body {
  content: RecordContent;
  keys: RecordKeys;
}

export function createWrite(resource: Resource, id: string, body: Body, now = T0): RecordWrite {
  return { resource, kind: "created", id, expectedVersion: null, ...body, now };
}

export function updateWrite(current: StoredRecord, resource: Resource, body: Body, now = T0): RecordWrite {
  return { resource, kind: "updated", id: current.id, expectedVersion: current.version, ...body, now };
}

export function deleteWrite(current: StoredRecord, resource: Resource, keys: RecordKeys, now = T0): RecordWrite {
  const { id, version, created_at, updated_at, ...content } = current;
  return { resource, kind: "deleted", id, expectedVersion: version, content, keys, now };
}

/** The write's record and event, failing the test with the adapter's answer when it was refused. */
export function written(result: WriteResult): { record: StoredRecord; event: OutboxEvent } {
  if (!result.ok) throw new Error(`write refused: ${JSON.stringify(result)}`);
  return result;
}

export async function created(adapter: WebshopAdapter, resource: Resource, id: string, body: Body, now = T0) {
  return written(await adapter.write(createWrite(resource, id, body, now))).record;
}

/** Every pending event, far in the future so retry times do not hide any. */
export const allDue = (adapter: WebshopAdapter) => adapter.outbox.due(Number.MAX_SAFE_INTEGER, 10_000);

/** Every event, as a sender sees them: delivers what is due until nothing is (events of one record come one by one). */
export async function drainEvents(adapter: WebshopAdapter): Promise<OutboxEvent[]> {
  const events: OutboxEvent[] = [];
  for (let due = await allDue(adapter); due.length > 0; due = await allDue(adapter)) {
    for (const event of due) {
      events.push(event);
      await adapter.outbox.attempted(event.seq, {
        state: "delivered",
        attempts: 1,
        nextAttemptAt: null,
        lastError: null,
      });
    }
  }
  return events;
}
