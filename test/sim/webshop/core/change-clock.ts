/**
 * Hands out change timestamps: the wall clock in whole milliseconds, but strictly increasing across the whole shop,
 * so ordering by (updated_at, id) is exact even when many changes fall in one millisecond: a burst runs ahead of the
 * clock by a millisecond per change and the clock catches up. Exactness of the change feed rests on this.
 */

export class ChangeClock {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly nowMs: () => number) {}

  /** The timestamp of a new change, later than every one handed out or observed before. */
  next(): string {
    const candidate = Math.floor(this.nowMs());
    this.last = candidate > this.last ? candidate : this.last + 1;
    return new Date(this.last).toISOString();
  }

  /** A seeded record may carry its own timestamp; later changes must still sort after it. */
  observe(timestamp: string): void {
    const ms = Date.parse(timestamp);
    if (ms > this.last) this.last = ms;
  }

  /** Today's date (UTC) as YYYY-MM-DD, for defaults such as an order's date. */
  today(): string {
    return new Date(Math.floor(this.nowMs())).toISOString().slice(0, 10);
  }
}
