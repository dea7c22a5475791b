/**
 * Cloudflare's daily allowances on Workers Free, recognised in one place. Once one is used up the platform refuses
 * that kind of work until 00:00 UTC; the sync stops cleanly and goes on after the reset (docs/operations.md, "Daily
 * allowances"). What each platform raises in a Worker (cited in docs/operations.md):
 *
 *   D1     "D1_ERROR: exceeded daily rows read limit" / "… rows written limit" (D1 debug error list; enforced on
 *          Workers Free from 2026-09-01, https://developers.cloudflare.com/d1/reference/faq/)
 *   Queues "Queue send failed: Too Many Requests" / "Queue sendBatch failed: …" (429): sends are refused for the rest
 *          of the UTC day once the 10,000 daily operations are used up (https://developers.cloudflare.com/queues/platform/pricing/)
 *   KV     "KV put() limit exceeded for the day." (https://developers.cloudflare.com/kv/platform/limits/)
 *
 * Queues answers the same 429 to a burst over its per-queue rate, which this sync never comes near (5,000 messages a
 * second), so a 429 from a send counts as the daily allowance on Workers Free only; Workers Paid has no daily
 * allowance, so nothing is one there.
 */

import { DAILY_ALLOWANCES, type DailyAllowance } from "../../shared/api/status";
import { type DailyLimit, dailyLimitKey } from "../store/daily-limit-setting";

export { DAILY_ALLOWANCES, type DailyAllowance, type DailyLimit, dailyLimitKey };

/** Thrown instead of a call the platform is known to refuse until the reset (no subrequest is spent on it). */
export class DailyLimitError extends Error {
  override readonly name = "DailyLimitError";
  constructor(readonly limit: DailyLimit) {
    super(`Cloudflare's daily allowance ${limit.allowance} is used up until ${new Date(limit.resetsAt).toISOString()}`);
  }
}
const OWN = /daily allowance (d1-rows-read|d1-rows-written|queue-operations|kv-writes) is used up until (\S+)/;

const PATTERNS: Array<[DailyAllowance, RegExp, "any" | "free"]> = [
  ["d1-rows-read", /exceeded (?:the )?daily rows? read limit/i, "any"],
  ["d1-rows-written", /exceeded (?:the )?daily rows? written limit/i, "any"],
  ["kv-writes", /KV (?:put|delete)\(\) limit exceeded for the day/i, "any"],
  ["queue-operations", /Queue (?:send|sendBatch) failed: Too Many Requests/i, "free"],
];

/** The next 00:00 UTC after `now`. */
export function nextUtcMidnight(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}

/** The daily allowance an error (or its message) says is used up, or null when it is some other failure. */
export function classifyDailyLimit(error: unknown, context: { now: number; plan: "free" | "paid" }): DailyLimit | null {
  if (error instanceof DailyLimitError) return error.limit;
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
  const own = OWN.exec(text);
  if (own) return { allowance: own[1] as DailyAllowance, resetsAt: Date.parse(own[2]!) };
  if (context.plan === "paid") return null;
  for (const [allowance, pattern, plans] of PATTERNS) {
    if (plans === "free" && context.plan !== "free") continue;
    if (pattern.test(text)) return { allowance, resetsAt: nextUtcMidnight(context.now) };
  }
  return null;
}

/** D1's allowances refuse every query; the others refuse one kind of work only. */
export const isD1Allowance = (allowance: DailyAllowance) =>
  allowance === "d1-rows-read" || allowance === "d1-rows-written";

/**
 * What this isolate knows is used up, so later invocations in it skip the refused work without asking the platform
 * again. D1's allowances cannot be kept in D1 (it refuses every query), and a KV write may be refused too: the
 * isolate's memory is the one store that always works; the D1 setting (`dailyLimitKey`) is written when D1 still
 * takes writes, for the status view and for other isolates.
 */
export interface DailyLimitBook {
  note(limit: DailyLimit): void;
  /** The allowance's limit while it is in force at `now` (an old one is forgotten). */
  inForce(allowance: DailyAllowance, now: number): DailyLimit | null;
  /** Every limit in force at `now`, D1's first. */
  all(now: number): DailyLimit[];
}

export function dailyLimitBook(): DailyLimitBook {
  const known = new Map<DailyAllowance, DailyLimit>();
  const inForce = (allowance: DailyAllowance, now: number) => {
    const limit = known.get(allowance);
    if (!limit) return null;
    if (now >= limit.resetsAt) {
      known.delete(allowance);
      return null;
    }
    return limit;
  };
  return {
    note(limit) {
      const had = known.get(limit.allowance);
      if (!had || had.resetsAt < limit.resetsAt) known.set(limit.allowance, limit);
    },
    inForce,
    all(now) {
      return DAILY_ALLOWANCES.map((a) => inForce(a, now)).filter((l): l is DailyLimit => l !== null);
    },
  };
}

/** The isolate's book: shared by every invocation this isolate runs (tests pass their own through buildDeps). */
export const isolateDailyLimits = dailyLimitBook();

/**
 * The guard the metered bindings run every call through (worker/budgets/metered.ts): a refusal is noted in `book`,
 * and while D1's rows-read allowance, the Queue's or KV's writes are known used up, the call is not made at all. D1's
 * rows-written allowance does not stop reads (the status view still answers); the triggers stop on it themselves.
 */
export function dailyLimitGuard(book: DailyLimitBook, context: { now: () => number; plan: "free" | "paid" }) {
  const spot = (error: unknown): DailyLimit | null => {
    const limit = classifyDailyLimit(error, { now: context.now(), plan: context.plan });
    if (limit) book.note(limit);
    return limit;
  };
  const refusing = { d1: "d1-rows-read", queue: "queue-operations", "kv-put": "kv-writes" } as const;
  return {
    spot,
    guard: {
      before(binding: keyof typeof refusing) {
        const limit = book.inForce(refusing[binding], context.now());
        if (limit) throw new DailyLimitError(limit);
      },
      failed(error: unknown) {
        spot(error);
      },
    },
  };
}
