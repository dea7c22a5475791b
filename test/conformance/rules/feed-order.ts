/** How the kit compares feed positions: (updated_at, id) ascending, as the contract sorts the feed. */
import type { ShopRecord } from "../fixtures";

/**
 * Whether `b` may follow `a` in the feed. Ids are the shop's own; within one updated_at the kit accepts ids
 * ascending by their characters (code units), or numerically when both are decimal integers (1, 2, 10).
 */
export function follows(a: ShopRecord, b: ShopRecord): boolean {
  const ta = Date.parse(a.updated_at);
  const tb = Date.parse(b.updated_at);
  if (ta !== tb) return ta < tb;
  if (a.id < b.id) return true;
  return /^\d+$/.test(a.id) && /^\d+$/.test(b.id) && BigInt(a.id) < BigInt(b.id);
}

/** The first pair out of order, as "<id>@<updated_at> then <id>@<updated_at>", or undefined when sorted. */
export function firstDisorder(records: ShopRecord[]): string | undefined {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    if (!follows(a, b)) return `${a.id}@${a.updated_at} then ${b.id}@${b.updated_at} (items ${i - 1} and ${i})`;
  }
  return undefined;
}

/** The ids among `records` that belong to `mine`, in feed order, duplicates kept. */
export function seen(records: ShopRecord[], mine: { id: string }[]): string[] {
  const wanted = new Set(mine.map((record) => record.id));
  return records.filter((record) => wanted.has(record.id)).map((record) => record.id);
}
