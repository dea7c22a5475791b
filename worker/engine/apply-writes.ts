/**
 * Sends a plan's writes. Every create has its pending link with the deterministic reference committed FIRST, so a
 * crash between the create and the confirm finds the reference and re-sends the same create, which the side
 * resolves to the record already made (never a second one).
 *
 *   pending link (own write) ─▶ create ─▶ … ─▶ confirm (the run's one commit, with the cursor)
 */
import type { PlannedWrite } from "../core/plan";
import type { SideError, SideRecord } from "../core/ports";
import type { Side } from "../core/types";
import { CONFIRM_GRACE_MS } from "./limits";
import { asWrite } from "./link-shape";
import { forgetKnown, type HeldLink, iso, type Run } from "./run";

export interface Applied {
  /** The link with the ids of created records (and the references they were created with). */
  link: HeldLink;
  /** Each written side's record as the side answered it (absent when nothing was sent). */
  returned: Partial<Record<Side, SideRecord>>;
  written: number;
  error: SideError | null;
}

export async function applyWrites(
  run: Run,
  link: HeldLink,
  writes: PlannedWrite[],
  current: Record<Side, SideRecord | null>,
): Promise<Applied> {
  const { sides } = run.deps;
  const dataflow = link.dataflow;
  let held = link;
  const returned: Partial<Record<Side, SideRecord>> = {};
  let written = 0;
  for (const write of writes) {
    const side = sides[write.side];
    const now = current[write.side];
    if (write.op === "create") {
      const reference = held.reference ?? write.reference ?? null;
      if (reference === null) {
        return { link: held, returned, written, error: missingReference(write.side) };
      }
      // A link that already held this reference may have seen its create succeed before a crash.
      const retry = link.reference === reference && !run.fresh.has(link.id);
      held = await pending(run, held, reference);
      const created = await side.create(dataflow, write.payload, reference, { retry });
      if (!created.ok) return { link: held, returned, written, error: created.error };
      returned[write.side] = created.value;
      held = { ...held, ids: { ...held.ids, [write.side]: created.value.id } };
      written++;
      run.writes++;
      continue;
    }
    const target = returned[write.side] ?? now;
    if (!target) {
      const error: SideError = {
        side: write.side,
        code: "not-found",
        message: `Nothing to ${write.op} in ${write.side}: the record is gone.`,
        retryable: false,
      };
      return { link: held, returned, written, error };
    }
    const result =
      write.op === "update" ? await side.update(dataflow, target, write.payload) : await side.archive(dataflow, target);
    if (!result.ok) return { link: held, returned, written, error: result.error };
    if (result.value) {
      returned[write.side] = result.value;
      written++;
      run.writes++;
    }
  }
  return { link: held, returned, written, error: null };
}

/** Whether `link` still needs its pending write before a create with `reference` goes out. */
export const needsPending = (link: HeldLink, reference: string) =>
  !(link.reference === reference && link.nextRetryAt !== null);

/** The link as pending with the create's reference: what tells a later plan that this create may have gone out. */
export function pendingWrite(run: Run, link: HeldLink, reference: string): HeldLink {
  return {
    ...asWrite(link),
    state: "pending",
    reference,
    nextRetryAt: link.nextRetryAt ?? iso(run.now() + CONFIRM_GRACE_MS),
  };
}

/** The pending link with its reference, written on its own before the create goes out (unless it was already). */
async function pending(run: Run, link: HeldLink, reference: string): Promise<HeldLink> {
  if (!needsPending(link, reference)) return link;
  const write = pendingWrite(run, link, reference);
  await run.store.commit({ links: [write], activity: [], ...(run.deps.fence ? { fence: run.deps.fence } : {}) });
  forgetKnown(run, write);
  // That commit moved the link's rev on by one: the run's later write of it is made from this one.
  return write.rev === undefined ? write : { ...write, rev: write.rev + 1 };
}

function missingReference(side: Side): SideError {
  return {
    side,
    code: "invalid-input",
    message: "The create has no reference to make it safe to repeat, so it was not sent.",
    retryable: false,
  };
}
