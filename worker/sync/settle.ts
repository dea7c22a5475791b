/**
 * The snapshot to store for a side after its writes went out, given what the side answered. Only what was written
 * is taken from the answer (a rounded price, a created line's id); every other property keeps the plan's snapshot,
 * so a change someone made there meanwhile (PowerOffice has no If-Match) and a `manual` conflict still waiting are
 * seen again on the next plan rather than swallowed into the snapshot.
 */
import { toCanonical } from "./canonical";
import type { PlannedWrite } from "./plan-types";
import type { LinkResolver } from "./ports";
import type { Canonical, DataflowId, Side } from "./types";

export function snapshotAfterWrite(
  dataflow: DataflowId,
  side: Side,
  planned: Canonical | null,
  writes: readonly PlannedWrite[],
  answerRaw: unknown,
  resolver: LinkResolver,
): Canonical {
  const answer = toCanonical(dataflow, side, answerRaw, resolver);
  const mine = writes.filter((w) => w.side === side);
  // A created record is all new: the side assigned ids and numbers the plan could not know.
  if (planned === null || mine.some((w) => w.op === "create")) return answer;
  const out: Canonical = { ...planned };
  for (const write of mine) {
    for (const key of Object.keys(write.changes)) {
      const property = key.startsWith("lines[") ? "lines" : key;
      if (property in answer) out[property] = answer[property] ?? null;
    }
  }
  return out;
}
