/** The checks rules are written with: each throws a Violation saying what the contract expects and what came back. */
import * as v from "valibot";
import { ErrorBody } from "../../shared/webshop";
import type { Reply } from "./client";
import { Violation } from "./types";

const SHOWN = 240;

/** A value in a message: JSON, cut short. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}...` : text;
}

/** A reply in a message: `400 {"error":...}` after the request that got it. */
export function describe(reply: Reply): string {
  const body = reply.text.trim() ? ` ${show(reply.json ?? reply.text)}` : " (empty body)";
  return `${reply.status}${body} from ${reply.request}`;
}

export function check(condition: unknown, expected: string, got: string): asserts condition {
  if (!condition) throw new Violation(expected, got);
}

export function expectStatus(reply: Reply, status: number | number[], what: string): void {
  const wanted = Array.isArray(status) ? status : [status];
  check(wanted.includes(reply.status), `${what}: ${wanted.join(" or ")}`, describe(reply));
}

/** The contract's error body, JSON, with a non-empty code and a message; `code` when the contract names one. */
export function expectError(reply: Reply, status: number | number[], what: string, code?: string): ErrorBody {
  expectStatus(reply, status, what);
  const type = reply.headers.get("content-type") ?? "";
  check(/json/i.test(type), `${what}: a JSON error body (Content-Type application/json)`, `Content-Type "${type}"`);
  const parsed = v.safeParse(ErrorBody, reply.json);
  check(
    parsed.success,
    `${what}: the error envelope {"error": {"code", "message", "details"?}}`,
    `${describe(reply)}${parsed.success ? "" : ` (${issues(parsed.issues)})`}`,
  );
  if (code) check(parsed.output.error.code === code, `${what}: error.code "${code}"`, describe(reply));
  return parsed.output;
}

/** Parses `value` with a contract schema; the failure names the fields that do not fit. */
export function expectSchema<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  check(parsed.success, what, parsed.success ? "" : `${issues(parsed.issues)} in ${show(value)}`);
  return parsed.output;
}

export function issues(list: readonly v.BaseIssue<unknown>[]): string {
  return list
    .slice(0, 4)
    .map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${issue.message}`)
    .join("; ");
}

/** The JSON body of a 2xx answer, as a record (ids, versions and fields are read from it). */
export function expectRecord(reply: Reply, status: number, what: string): Record<string, unknown> & { id: string } {
  expectStatus(reply, status, what);
  const body = reply.json as { id?: unknown } | undefined;
  check(
    typeof body === "object" && body !== null && typeof body.id === "string",
    `${what}: a JSON object with a string id`,
    describe(reply),
  );
  return body as Record<string, unknown> & { id: string };
}
