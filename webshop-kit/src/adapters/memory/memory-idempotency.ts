/** The memory adapter's idempotency answers: one entry per (scope, key), running until completed or released. */
import type { IdempotencyClaim, StoredAnswer } from "../../adapter.js";

interface Entry {
  fingerprint: string;
  claimedAt: number;
  answer?: StoredAnswer;
  expiresAt?: number;
}

export class MemoryIdempotency {
  private readonly entries = new Map<string, Entry>();

  claim(scope: string, key: string, fingerprint: string, now: number, runningTtlMs: number): IdempotencyClaim {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    const expired = entry && (entry.answer ? entry.expiresAt! <= now : entry.claimedAt + runningTtlMs <= now);
    if (entry && !expired) {
      if (entry.fingerprint !== fingerprint) return { state: "mismatch" };
      return entry.answer
        ? { state: "done", fingerprint, answer: structuredClone(entry.answer) }
        : { state: "running" };
    }
    this.entries.set(id, { fingerprint, claimedAt: now });
    return { state: "first" };
  }

  complete(scope: string, key: string, answer: StoredAnswer, now: number, ttlMs: number): void {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (entry) Object.assign(entry, { answer: structuredClone(answer), expiresAt: now + ttlMs });
  }

  release(scope: string, key: string): void {
    this.entries.delete(`${scope}\u0000${key}`);
  }
}
