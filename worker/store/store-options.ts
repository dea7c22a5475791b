/** What both stores are made with (createD1Store, createMemoryStore). */
import type { Clock } from "../core/ports";

export interface StoreOptions {
  /** Stamps updated_at and decides which activity entries have expired; the engine passes its own so tests control time. */
  clock?: Clock;
  /** Days an activity entry is kept (activity-retention.ts); undefined keeps every entry. */
  activityRetentionDays?: number;
}
