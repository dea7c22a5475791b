/**
 * PowerOffice's side of fault injection (../../faults.ts): its status fault's options, how a rule's path matches
 * (case-insensitive, with or without /Demo and /v2), and what a status fault answers (gateway or ProblemDetails).
 */
import type { SimFaultRule } from "../../faults";
import { gatewayResponse, jsonResponse, problemBody } from "../core/problem";
import { RATE_LIMITED } from "./gateway";

export type FaultRule = SimFaultRule<{
  /** Body style for 5xx: ASP.NET ProblemDetails (default for 500) or the gateway's plain text (default for 502-504). */
  body?: "problem" | "plain";
  headers?: Record<string, string>;
}>;

const BASE = /^(\/demo)?(\/v2)?(?=\/)/i;

/** "/Customers" matches "/v2/Customers" and "/Demo/v2/customers/". */
export function faultPathKey(path: string): string {
  return path.toLowerCase().replace(/\/$/, "").replace(BASE, "");
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
