/**
 * Creates that happen once however often they are sent. Each create carries a key PowerOffice keeps unique
 * (ExternalImportReference for customers, sales orders and lines; Code for products and departments). When the
 * answer is lost (fetch failed, timeout, 5xx that may have come after the commit) or PowerOffice says the key is
 * "already in use", the existing record is looked up by that key instead of creating a second one.
 *
 *   POST ─ 2xx ──────────────────────────────────▶ created
 *     ├─ lost / 5xx ─▶ look up by key (re-checks) ─ found ─▶ existing
 *     │                          └─ not found ─▶ POST again (bounded; PowerOffice refuses a duplicate key)
 *     └─ 400 "already in use" ─▶ id from the message, or look up by key ─ same key ─▶ existing
 *                                                                      └─ else ─▶ the refusal
 *
 * Reads come from a replica about a second behind, so a look-up right after a commit can miss: it is repeated
 * after RECHECK_DELAYS_MS before the create is sent again.
 */
import type { RawResponse } from "../http-exchange";
import type { Api } from "./api";
import type { PowerOfficeError, Result } from "./errors";
import { fail, mayHaveHappened, ok } from "./errors";
import { existingIdFrom, isAlreadyInUse } from "./problem";

/** Delays before each look-up: together well past the replica's ~1 s lag. */
export const RECHECK_DELAYS_MS = [0, 500, 1000, 1500] as const;
/** POSTs of one create (the first one included). */
export const MAX_CREATE_SENDS = 3;

export interface Created<T> {
  record: T;
  /** "existing": an earlier attempt (this one or a crashed run) had already created it. */
  outcome: "created" | "existing";
}

export interface CreatePlan<T> {
  /** One POST; the exchange does not replay it on 5xx or lost answers. */
  send(): Promise<Result<RawResponse>>;
  read(res: RawResponse): Result<T>;
  /** The record carrying our key, as far as the (lagging) replica shows; null when none. */
  find(): Promise<Result<T | null>>;
  /** The record PowerOffice named in "already in use"; null on 404 (the replica may not have it yet). */
  get(id: string): Promise<Result<T | null>>;
  /** True when `record` carries our key (PowerOffice's "already in use" may be about another unique field). */
  matches(record: T): boolean;
}

export async function createOnce<T>(api: Api, plan: CreatePlan<T>): Promise<Result<Created<T>>> {
  let lastError: PowerOfficeError | undefined;
  for (let send = 1; send <= MAX_CREATE_SENDS; send++) {
    const res = await plan.send();
    if (res.ok) {
      const record = plan.read(res.value);
      return record.ok ? ok({ record: record.value, outcome: "created" }) : record;
    }
    const error = res.error;
    if (mayHaveHappened(error)) {
      lastError = error;
      const found = await recheck(api, plan.find);
      if (!found.ok) return found;
      if (found.value) return ok({ record: found.value, outcome: "existing" });
      continue;
    }
    if (error.kind === "rejected" && isAlreadyInUse(error.problem)) {
      const id = existingIdFrom(error.problem);
      const found = await recheck(api, id ? () => plan.get(id) : plan.find);
      if (!found.ok) return found;
      if (found.value && plan.matches(found.value)) return ok({ record: found.value, outcome: "existing" });
      if (id && !found.value) {
        // Named but not readable yet even after the re-checks: try the key search before giving up.
        const byKey = await plan.find();
        if (byKey.ok && byKey.value) return ok({ record: byKey.value, outcome: "existing" });
      }
    }
    return res;
  }
  return fail(lastError as PowerOfficeError);
}

async function recheck<T>(api: Api, look: () => Promise<Result<T | null>>): Promise<Result<T | null>> {
  let last: Result<T | null> = ok(null);
  for (const delay of RECHECK_DELAYS_MS) {
    if (delay > 0) await api.rt.sleep(delay);
    last = await look();
    if (!last.ok || last.value) return last;
  }
  return last;
}
