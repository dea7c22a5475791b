/**
 * Fault injection and the request log, shared by both simulators: rules matched by method and path and used up per
 * match, applied around the simulator's handler. Each simulator brings its own path matching and its own answer to a
 * status fault (PowerOffice's ProblemDetails or gateway text, the webshop's error envelope).
 */

/** An injected failure; `S` is what a status fault carries besides its status (each simulator's own options). */
export type SimFaultRule<S extends object = object> = {
  method?: string;
  /** A string matches the path with or without the API base (as the simulator's path key says); a RegExp is tested against the full path. */
  path?: string | RegExp;
  /** How many matching requests it affects; default 1, Infinity for all. */
  times?: number;
} & (
  | ({ kind: "status"; status: number } & S)
  | { kind: "latency"; ms: number }
  | { kind: "drop-after-commit" }
  | { kind: "drop-before-commit" }
);

export interface RequestRecord {
  method: string;
  /** The path as sent, e.g. /v2/Customers/10482301 or /api/customers/cus_000001. */
  path: string;
  /** The raw query string without the leading '?', "" when none. */
  query: string;
  /** The status answered; 0 when the connection was dropped before an answer existed. */
  status: number;
  /** True when a fault dropped the connection (before or after the handler ran). */
  dropped: boolean;
  /** Real time (Date.now(), not the simulator's clock) it arrived: the benchmarks time writes by it. */
  at: number;
}

export class FaultBook<R extends SimFaultRule> {
  private readonly rules: { rule: R; left: number }[] = [];

  /** `pathKey` folds a path so that a rule's string path and a request's path compare equal when they should. */
  constructor(private readonly pathKey: (path: string) => string) {}

  add(rule: R): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first rule matching this request, with one use taken from it. */
  take(method: string, path: string): R | undefined {
    const index = this.rules.findIndex(({ rule }) => this.matches(rule, method, path));
    if (index < 0) return undefined;
    const entry = this.rules[index]!;
    entry.left -= 1;
    if (entry.left <= 0) this.rules.splice(index, 1);
    return entry.rule;
  }

  private matches(rule: R, method: string, path: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.path === undefined) return true;
    if (rule.path instanceof RegExp) return rule.path.test(path);
    return this.pathKey(path) === this.pathKey(rule.path);
  }
}

/**
 * The simulator's fetch: records every request in `requests` and applies the first matching fault. A status fault is
 * answered by `statusResponse` without running the handler; a drop throws a TypeError, as fetch does when a
 * connection is lost.
 */
export function withFaults<R extends SimFaultRule>(
  handle: (request: Request) => Response | Promise<Response>,
  faults: FaultBook<R>,
  requests: RequestRecord[],
  statusResponse: (rule: Extract<R, { kind: "status" }>, path: string) => Response,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const record: RequestRecord = {
      method: request.method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      status: 0,
      dropped: false,
      at: Date.now(),
    };
    requests.push(record);
    const fault = faults.take(request.method, url.pathname);
    if (fault?.kind === "latency") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === "drop-before-commit") {
      record.dropped = true;
      throw new TypeError("Network connection lost.");
    }
    if (fault?.kind === "status") {
      // Narrowing on `kind` does not reach a type parameter; the check above is what makes this a status rule.
      const response = statusResponse(fault as Extract<R, { kind: "status" }>, url.pathname);
      record.status = response.status;
      return response;
    }
    const response = await handle(request);
    record.status = response.status;
    if (fault?.kind === "drop-after-commit") {
      // The change is committed (and a webshop's webhook queued); only the answer is lost, as when a connection
      // breaks mid-response.
      record.dropped = true;
      throw new TypeError("Network connection lost.");
    }
    return response;
  };
}
