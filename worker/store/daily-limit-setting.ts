/**
 * A Cloudflare daily allowance found used up (worker/budgets/daily-limits.ts recognises the refusals), as the status
 * view and the triggers keep it: the setting `daily-limit:<allowance>` holds the reset time, and is ignored once
 * that time has passed (no write is needed to clear it).
 */
import type { DailyAllowance } from "../../shared/api/status";

export interface DailyLimit {
  allowance: DailyAllowance;
  /** Epoch ms of the next 00:00 UTC, when Cloudflare resets every daily allowance. */
  resetsAt: number;
}

export const dailyLimitKey = (allowance: DailyAllowance) => `daily-limit:${allowance}`;

/** Parses a kept setting back; a value that is not a time, or a time passed, is no limit. */
export function keptDailyLimit(allowance: DailyAllowance, value: string, now: number): DailyLimit | null {
  const resetsAt = Date.parse(value);
  if (Number.isNaN(resetsAt) || now >= resetsAt) return null;
  return { allowance, resetsAt };
}
