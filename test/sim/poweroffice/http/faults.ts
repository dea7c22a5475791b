/**
 * Injected failures, matched by method and path and used up per match: a status answered without running the
 * handler, added latency, or a connection lost before or after the handler committed its change.
 */
import { gatewayResponse, jsonResponse, problemBody } from "../core/problem";
import { RATE_LIMITED } from "./gateway";

export type FaultRule = {
  method?: string;
  /** A string matches the path with or without the API base ("/Customers" matches "/v2/Customers"); a RegExp is tested against the full path. */
  path?: string | RegExp;
  /** How many matching requests it affects; default 1, Infinity for all. */
  times?: number;
} & (
  | {
      kind: "status";
      status: number;
      /** Body style for 5xx: ASP.NET ProblemDetails (default for 500) or the gateway's plain text (default for 502-504). */
      body?: "problem" | "plain";
      headers?: Record<string, string>;
    }
  | { kind: "latency"; ms: number }
  | { kind: "drop-after-commit" }
  | { kind: "drop-before-commit" }
);

const BASE = /^(\/demo)?(\/v2)?(?=\/)/i;

export class FaultBook {
  private readonly rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first rule matching this request, with one use taken from it. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex(({ rule }) => matches(rule, method, path));
    if (index < 0) return undefined;
    const entry = this.rules[index]!;
    entry.left -= 1;
    if (entry.left <= 0) this.rules.splice(index, 1);
    return entry.rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) return rule.path.test(path);
  const wanted = rule.path.toLowerCase().replace(/\/$/, "");
  const actual = path.toLowerCase().replace(/\/$/, "");
  return actual === wanted || actual.replace(BASE, "") === wanted.replace(BASE, "");
}

export function faultResponse(rule: FaultRule & { kind: "status" }, path: string): Response {
  const { status, headers = {} } = rule;
  if (status === 429) return gatewayResponse(429, RATE_LIMITED, headers);
  if (status === 401) return new Response(null, { status, headers: { "www-authenticate": "Bearer", ...headers } });
  const plain = rule.body ? rule.body === "plain" : status >= 502 && status <= 504;
  if (plain) {
    return new Response(plainText(status), { status, headers: { "content-type": "text/plain", ...headers } });
  }
  const title = status >= 500 ? "An error occurred while processing your request." : "Request failed";
  const body = problemBody(status, title, `Simulated failure (HTTP ${status}).`, path);
  return jsonResponse(status, body, { "content-type": "application/problem+json; charset=utf-8", ...headers });
}

function plainText(status: number): string {
  const reasons: Record<number, string> = { 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };
  return `${status} ${reasons[status] ?? "Error"}`;
}
