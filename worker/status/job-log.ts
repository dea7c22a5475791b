/**
 * The one structured log line each job ends with (docs/operations.md): a cron run, a queue batch, a webhook request,
 * an admin action. One JSON object per line, so Workers Logs indexes its fields and a query can filter on them.
 * What goes in is chosen by the caller from ids, counts and the worker's own words: never a secret, a token or a
 * record's content (names, e-mails, phone numbers, addresses); records are named by their ids only.
 */
import { VERSION } from "../../shared/version";

export const JOB_KINDS = ["cron", "queue", "webhook", "admin"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * ok: done; skipped: nothing to do here (another run holds the lease); refused: the request was answered with an
 * error of the caller's (4xx); retry: nothing done, asked to come back (503 / messages retried); failed: an error of
 * the worker's or a system's; schema-behind: nothing done, D1 is older than the code (docs/operations.md, Upgrades);
 * daily-limit: stopped, a Cloudflare daily allowance is used up until 00:00 UTC (docs/operations.md, Daily allowances).
 */
export type JobOutcome = "ok" | "skipped" | "refused" | "retry" | "failed" | "schema-behind" | "daily-limit";

export interface JobLine {
  kind: JobKind;
  /** The cron run's or batch's own id, the webhook's webhook-id, the request's cf-ray (or a new UUID). */
  correlationId: string;
  /** What was done, in a few words: "sync", "batch poweroffice-sync-work", "POST /api/records/12/retry". */
  action: string;
  outcome: JobOutcome;
  /** Epoch milliseconds when the job started (the wall clock); durationMs is measured from it. */
  startedMs: number;
  counts?: Record<string, number>;
  /** The worker's own sentences about what went wrong (errors, problems): they name ids, never values. */
  problems?: string[];
  /** Anything else of ids and numbers this kind of job reports (status, feeds, messages...). */
  [field: string]: unknown;
}

/** The JSON text of one line; `at` is the job's end. */
export function jobLine(line: JobLine, endMs = Date.now()): string {
  const { kind, correlationId, action, outcome, startedMs, counts, problems, ...rest } = line;
  return JSON.stringify({
    at: new Date(endMs).toISOString(),
    kind,
    correlationId,
    action,
    outcome,
    durationMs: Math.max(0, endMs - startedMs),
    counts: counts ?? {},
    ...(problems && problems.length > 0 ? { problems } : {}),
    ...rest,
    version: VERSION,
  });
}

/** Where the job lines go unless a test keeps them: console.log, which Workers Logs records as the line's message. */
export const consoleLog = (line: string) => console.log(line);

/** The request's correlation id: Cloudflare's cf-ray (the id its dashboards show), or a fresh UUID without one. */
export function requestCorrelationId(headers: Headers): string {
  const ray = headers.get("cf-ray");
  return ray && /^[0-9A-Za-z-]{1,64}$/.test(ray) ? ray : crypto.randomUUID();
}
