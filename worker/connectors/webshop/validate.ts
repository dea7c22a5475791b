/**
 * Checks answers against the contract's schemas (shared/webshop). A mismatch becomes an error naming the resource,
 * the record's id, the field and the value: "The webshop's product 42 has price 199.5: must be a decimal string ...".
 */
import * as v from "valibot";
import { ListEnvelope, type Resource } from "../../../shared/webshop";
import { parseJson, type RawResponse } from "../http-exchange";
import { ENTITY, fail, ok, type Result, show } from "./errors";
import { RESOURCE_SPECS, type RecordOf } from "./resources";

export interface Page<T> {
  data: T[];
  next_cursor: string;
  has_more: boolean;
}

const Envelope = ListEnvelope(v.unknown());

/** A single record from a JSON body. */
export function readRecord<R extends Resource>(
  resource: R,
  res: RawResponse,
  operation: string,
  expectedId?: string,
): Result<RecordOf<R>> {
  const json = readJson(resource, res, operation, expectedId);
  if (!json.ok) return json;
  return checkRecord(resource, json.value, operation, expectedId);
}

/** The list envelope, then each record in it, so an error names the record rather than "data.3.price". */
export function readPage<R extends Resource>(
  resource: R,
  res: RawResponse,
  operation: string,
): Result<Page<RecordOf<R>>> {
  const json = readJson(resource, res, operation);
  if (!json.ok) return json;
  const envelope = v.safeParse(Envelope, json.value);
  if (!envelope.success) {
    const issue = envelope.issues[0];
    return mismatch(resource, operation, undefined, v.getDotPath(issue) ?? "(body)", issue.input, reason(issue), true);
  }
  const data: RecordOf<R>[] = [];
  for (const item of envelope.output.data) {
    const record = checkRecord(resource, item, operation);
    if (!record.ok) return record;
    data.push(record.value);
  }
  return ok({ ...envelope.output, data });
}

export function checkRecord<R extends Resource>(
  resource: R,
  data: unknown,
  operation: string,
  expectedId?: string,
): Result<RecordOf<R>> {
  const parsed = v.safeParse(RESOURCE_SPECS[resource].record, data);
  const id = idOf(data) ?? expectedId;
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return mismatch(resource, operation, id, v.getDotPath(issue) ?? "(record)", issue.input, reason(issue));
  }
  return ok(parsed.output);
}

function idOf(data: unknown): string | undefined {
  const id = data && typeof data === "object" ? (data as { id?: unknown }).id : undefined;
  return typeof id === "string" && id ? id : undefined;
}

/** The schema's own words where it has them ("must be ..."), else valibot's expectation ("must be string"). */
function reason(issue: v.BaseIssue<unknown>): string {
  if (issue.input === undefined && issue.message.startsWith("Invalid key")) return "the contract requires it";
  if (!issue.message.startsWith("Invalid ")) return issue.message;
  return issue.expected ? `must be ${issue.expected.replace(/^"|"$/g, "")}` : issue.message;
}

function readJson(resource: Resource, res: RawResponse, operation: string, id?: string): Result<unknown> {
  const json = parseJson(res.body);
  return json.ok
    ? ok(json.value)
    : mismatch(resource, operation, id, "(body)", res.body.slice(0, 120), "must be JSON", true);
}

function mismatch<T>(
  resource: Resource,
  operation: string,
  id: string | undefined,
  path: string,
  value: unknown,
  why: string,
  isList = false,
): Result<T> {
  const entity = ENTITY[resource];
  const which = isList && !id ? `${resource} list` : id ? `${entity} ${id}` : entity;
  const has = value === undefined ? `has no ${path}` : `has ${path} ${show(value)}`;
  return fail({
    kind: "unexpected-response",
    operation,
    resource,
    id,
    path,
    value,
    message: `The webshop's ${which} ${has}: ${why} (${operation}). It was not synced; the shop must send it as the webshop contract says.`,
  });
}
