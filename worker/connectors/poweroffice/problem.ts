/** Reads PowerOffice's error bodies: RFC 7807 ProblemDetails, the gateway's 429 JSON and OAuth token errors. */

/** The text of an error answer, whichever of PowerOffice's shapes it came in. Keys are matched case-insensitively. */
export interface Problem {
  title?: string;
  detail?: string;
  type?: string;
  instance?: string;
  status?: number;
  /** ASP.NET validation errors: field → messages. */
  errors?: Record<string, string[]>;
  /** The raw body (cut short), for when none of the above is there. */
  raw: string;
}

const RAW_LIMIT = 500;

export function readProblem(body: string): Problem | undefined {
  const raw = body.length > RAW_LIMIT ? `${body.slice(0, RAW_LIMIT)}…` : body;
  if (!body.trim()) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { raw };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return { raw };
  const fields = new Map(Object.entries(json).map(([k, v]) => [k.toLowerCase(), v]));
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = fields.get(key);
      if (typeof value === "string" && value.trim()) return value.trim();
    }
    return undefined;
  };
  const status = fields.get("status") ?? fields.get("statuscode");
  const problem: Problem = {
    // The gateway's 429 body is {statusCode, message}; token errors are {error, error_description}.
    title: text("title", "error"),
    detail: text("detail", "message", "error_description"),
    type: text("type"),
    instance: text("instance"),
    status: typeof status === "number" ? status : undefined,
    raw,
  };
  const errors = fields.get("errors");
  if (errors && typeof errors === "object" && !Array.isArray(errors)) {
    problem.errors = Object.fromEntries(
      Object.entries(errors).map(([field, messages]) => [
        field,
        Array.isArray(messages) ? messages.map(String) : [String(messages)],
      ]),
    );
  }
  return problem;
}

/** One line of PowerOffice's own words, most specific first. */
export function problemText(problem: Problem | undefined): string | undefined {
  if (!problem) return undefined;
  const parts: string[] = [];
  if (problem.detail) parts.push(problem.detail);
  else if (problem.title) parts.push(problem.title);
  if (problem.errors) {
    for (const [field, messages] of Object.entries(problem.errors)) parts.push(`${field}: ${messages.join(" ")}`);
  }
  if (parts.length === 0 && problem.raw) parts.push(problem.raw);
  return parts.join("; ") || undefined;
}

/** True for PowerOffice's "X is already in use" (a duplicate unique key) and its likely variants. */
export function isAlreadyInUse(problem: Problem | undefined): boolean {
  const text = problemText(problem);
  return !!text && /already (in use|exists|registered)|must be unique|duplicate/i.test(text);
}

/**
 * The id PowerOffice names in "ExternalImportReference is already in use. 'ABC123' is used on (contact) Id =
 * 123456789." (documented for customers; assumed for the other entities, uuid for sales orders and lines).
 */
export function existingIdFrom(problem: Problem | undefined): string | undefined {
  const text = problemText(problem);
  const match =
    text && /\bId\s*[=:]\s*'?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)/i.exec(text);
  return match ? match[1]?.toLowerCase() : undefined;
}

/** "Rate limit is exceeded. Try again in 1 seconds." → 1000 ms. */
export function retryHintMs(problem: Problem | undefined): number | undefined {
  const text = problem?.detail ?? problem?.raw;
  const match = text && /try again in (\d+(?:\.\d+)?) ?(milliseconds|ms|seconds?|s)\b/i.exec(text);
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  return /^m/i.test(match[2] ?? "") ? n : n * 1000;
}
