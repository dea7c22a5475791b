/**
 * Read, plan, write, and on a 412 plan again from what the shop has now: the engine's way to update a record
 * that someone may be editing in the shop at the same moment, without ever overwriting their change.
 */
import type { Resource } from "../../../shared/webshop";
import type { Result, WebshopError } from "./errors";
import { fail, ok } from "./errors";
import type { PatchOf, RecordOf } from "./resources";
import { MAX_REPLANS } from "./update";

/** Returns the patch to apply to `current`, or null (or {}) when it is already as wanted. */
export type Planner<R extends Resource> = (current: RecordOf<R>) => PatchOf<R> | null | Promise<PatchOf<R> | null>;

export interface Replanned<T> {
  /** False when the last plan had nothing to change. */
  sent: boolean;
  /** The record as the shop has it after the update (or as read, when nothing was sent). */
  record: T;
  /** How many times `plan` ran (more than 1 after concurrent changes). */
  plans: number;
}

export interface ReplanPorts<R extends Resource> {
  get(): Promise<Result<RecordOf<R>>>;
  update(patch: PatchOf<R>, ifMatch: number): Promise<Result<{ sent: false } | { sent: true; record: RecordOf<R> }>>;
}

export async function updateWithReplan<R extends Resource>(
  ports: ReplanPorts<R>,
  plan: Planner<R>,
  maxPlans = MAX_REPLANS,
): Promise<Result<Replanned<RecordOf<R>>>> {
  const first = await ports.get();
  if (!first.ok) return first;
  let current = first.value;
  let lastConflict: WebshopError | undefined;
  for (let plans = 1; plans <= maxPlans; plans++) {
    const patch = await plan(current);
    if (!patch) return ok({ sent: false, record: current, plans });
    const res = await ports.update(patch, current.version);
    if (res.ok)
      return ok(
        res.value.sent ? { sent: true, record: res.value.record, plans } : { sent: false, record: current, plans },
      );
    if (res.error.kind !== "version-conflict") return res;
    lastConflict = res.error;
    if (res.error.current) {
      current = res.error.current as RecordOf<R>;
    } else {
      const again = await ports.get();
      if (!again.ok) return again;
      current = again.value;
    }
  }
  return fail(lastConflict as WebshopError);
}
