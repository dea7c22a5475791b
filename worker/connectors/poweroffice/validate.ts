/** Checks an answer against a schema; a mismatch becomes an error naming the entity, the id, the field and the value. */
import * as v from "valibot";
import { parseJson, type RawResponse } from "../http-exchange";
import type { EntityName, Result } from "./errors";
import { fail, ok } from "./errors";

type Schema = v.GenericSchema;

/** A single record from a JSON body. */
export function readRecord<S extends Schema>(
  schema: S,
  entity: EntityName,
  res: RawResponse,
  operation: string,
): Result<v.InferOutput<S>> {
  const json = readJson(res, entity, operation);
  if (!json.ok) return json;
  return checkRecord(schema, entity, json.value, operation);
}

/** A list: a bare JSON array, or 204 with an empty body when nothing matches. */
export function readList<S extends Schema>(
  schema: S,
  entity: EntityName,
  res: RawResponse,
  operation: string,
): Result<v.InferOutput<S>[]> {
  if (res.status === 204 || !res.body.trim()) return ok([]);
  const json = readJson(res, entity, operation);
  if (!json.ok) return json;
  if (!Array.isArray(json.value)) return mismatch(entity, operation, undefined, "(body)", json.value, "a JSON array");
  const out: v.InferOutput<S>[] = [];
  for (const item of json.value) {
    const record = checkRecord(schema, entity, item, operation);
    if (!record.ok) return record;
    out.push(record.value);
  }
  return ok(out);
}

export function checkRecord<S extends Schema>(
  schema: S,
  entity: EntityName,
  data: unknown,
  operation: string,
): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, data);
  if (parsed.success) return ok(parsed.output);
  const issue = parsed.issues[0];
  const path = v.getDotPath(issue) ?? "(record)";
  const id = data && typeof data === "object" && "Id" in data ? String((data as { Id: unknown }).Id) : undefined;
  return mismatch(entity, operation, id, path, issue.input, issue.expected ?? issue.message);
}

function readJson(res: RawResponse, entity: EntityName, operation: string): Result<unknown> {
  const json = parseJson(res.body);
  return json.ok ? ok(json.value) : mismatch(entity, operation, undefined, "(body)", res.body.slice(0, 200), "JSON");
}

function mismatch<T>(
  entity: EntityName,
  operation: string,
  id: string | undefined,
  path: string,
  value: unknown,
  expected: string,
): Result<T> {
  const shown = value === undefined ? "missing" : JSON.stringify(value)?.slice(0, 120);
  const which = id ? `${entity} ${id}` : `a ${entity}`;
  return fail({
    kind: "unexpected-response",
    operation,
    entity,
    id,
    path,
    value,
    message: `PowerOffice sent ${which} whose ${path} is ${shown}, where the sync expects ${expected} (${operation}). The record was not synced; report this if it persists.`,
  });
}
