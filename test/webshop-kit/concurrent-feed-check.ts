/**
 * Promise 2 under load: writers create and update records in parallel while readers page through the feed with a
 * cursor. A reader must see every change exactly once: no (id, version) twice, the last version of every record at
 * least once, and positions only moving forward. An adapter that stamps updated_at before its write commits without
 * serialising writers lets a later-stamped write commit first; a reader whose cursor passes it then never sees the
 * earlier-stamped one, and this check names it.
 */
import type { FeedPosition, StoredRecord, WebshopAdapter } from "../../webshop-kit/src/adapter";
import { createWrite, customer, T0, updateWrite } from "./adapter-fixtures";

export interface LoadShape {
  writers: number;
  writesEach: number;
  readers: number;
  pageSize: number;
}

export const DEFAULT_LOAD: LoadShape = { writers: 6, writesEach: 12, readers: 3, pageSize: 4 };

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

async function writer(adapter: Pick<WebshopAdapter, "write">, w: number, count: number): Promise<StoredRecord[]> {
  const finals = new Map<string, StoredRecord>();
  let last: StoredRecord | null = null;
  for (let i = 0; i < count; i++) {
    const result: Awaited<ReturnType<WebshopAdapter["write"]>> =
      last && i % 3 === 2
        ? await adapter.write(updateWrite(last, "customers", customer(`W${w}u${i}`), T0))
        : await adapter.write(
            createWrite("customers", `cus_w${w}_${String(i).padStart(3, "0")}`, customer(`W${w}n${i}`), T0),
          );
    if (!result.ok) throw new Error(`writer ${w}, write ${i} was refused: ${JSON.stringify(result)}`);
    last = result.record;
    finals.set(last.id, last);
  }
  return [...finals.values()];
}

async function reader(
  adapter: Pick<WebshopAdapter, "feed">,
  pageSize: number,
  writing: () => boolean,
): Promise<StoredRecord[]> {
  const seen: StoredRecord[] = [];
  let after: FeedPosition | null = null;
  for (;;) {
    const stillWriting = writing();
    const page = await adapter.feed("customers", after, pageSize);
    seen.push(...page);
    const last = page.at(-1);
    if (last) after = { updatedAt: last.updated_at, id: last.id };
    else if (!stillWriting) return seen;
    await pause();
  }
}

/** What each reader got wrong (empty when the feed was exact). */
export async function feedUnderConcurrentWriters(
  adapter: Pick<WebshopAdapter, "feed" | "write">,
  load: LoadShape = DEFAULT_LOAD,
): Promise<string[]> {
  let writing = true;
  const readers = Array.from({ length: load.readers }, () => reader(adapter, load.pageSize, () => writing));
  const finals = (
    await Promise.all(Array.from({ length: load.writers }, (_, w) => writer(adapter, w, load.writesEach)))
  ).flat();
  writing = false;
  const problems: string[] = [];
  for (const [r, seen] of (await Promise.all(readers)).entries()) {
    const versions = new Set<string>();
    for (const record of seen) {
      const key = `${record.id}@${record.version}`;
      if (versions.has(key)) problems.push(`reader ${r} saw ${key} twice`);
      versions.add(key);
    }
    for (const record of finals) {
      if (!versions.has(`${record.id}@${record.version}`)) {
        problems.push(`reader ${r} never saw ${record.id} version ${record.version} (updated_at ${record.updated_at})`);
      }
    }
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      if (!(a.updated_at < b.updated_at || (a.updated_at === b.updated_at && a.id < b.id))) {
        problems.push(`reader ${r} went back from ${a.id} (${a.updated_at}) to ${b.id} (${b.updated_at})`);
      }
    }
  }
  return problems;
}
