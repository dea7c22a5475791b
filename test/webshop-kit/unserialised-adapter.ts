/**
 * A deliberately wrong adapter for proving the concurrency check can fail: it takes its updated_at from a shop-wide
 * clock, then commits a moment later without holding anything, as an adapter does that stamps in application code and
 * then writes in its own transaction. Only `feed` and `write`, in memory.
 */
import type {
  FeedPosition,
  RecordWrite,
  StoredRecord,
  WebshopAdapter,
  WriteResult,
} from "../../webshop-kit/src/adapter";

export function unserialisedAdapter(): Pick<WebshopAdapter, "feed" | "write"> {
  const records = new Map<string, StoredRecord>();
  let last = 0;
  let seq = 0;
  const after = (p: FeedPosition | null, r: StoredRecord) =>
    !p || r.updated_at > p.updatedAt || (r.updated_at === p.updatedAt && p.id !== null && r.id > p.id);
  return {
    async feed(_resource, position, limit) {
      return [...records.values()]
        .filter((r) => after(position, r))
        .sort((a, b) => (a.updated_at === b.updated_at ? (a.id < b.id ? -1 : 1) : a.updated_at < b.updated_at ? -1 : 1))
        .slice(0, limit)
        .map((r) => structuredClone(r));
    },
    async write(write: RecordWrite): Promise<WriteResult> {
      last = Math.max(write.now, last + 1);
      const at = new Date(last).toISOString();
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 10)));
      const current = records.get(write.id) ?? null;
      const version = (current?.version ?? 0) + 1;
      const external_ids = (write.content.external_ids ?? {}) as Record<string, string>;
      const record = {
        ...write.content,
        external_ids,
        id: write.id,
        version,
        created_at: current?.created_at ?? at,
        updated_at: at,
      };
      records.set(write.id, record);
      const event = {
        seq: ++seq,
        eventId: `msg_${seq}`,
        resource: write.resource,
        kind: write.kind,
        recordId: write.id,
        version,
        at,
        attempts: 0,
        nextAttemptAt: write.now,
        state: "pending" as const,
        lastError: null,
      };
      return { ok: true, record, event };
    },
  };
}
