/** The read/update/archive plumbing shared by the entity modules. */
import type * as v from "valibot";
import type { Api } from "./api";
import type { EntityName, Result } from "./errors";
import { fail, invalidInput, ok } from "./errors";
import { diffPatch, type PatchOperation, type PatchSpec } from "./json-patch";
import { readList, readRecord } from "./validate";

/** `sent: false`: nothing differed, so nothing was sent. `record` is null when PowerOffice answers without a body. */
export type Updated<T> = { sent: false } | { sent: true; record: T | null };

/** Longest ExternalImportReference PowerOffice stores. */
export const MAX_REFERENCE_LENGTH = 50;

export async function getRecord<T>(
  api: Api,
  schema: v.GenericSchema<unknown, T>,
  entity: EntityName,
  path: string,
  id: string,
): Promise<Result<T>> {
  const res = await api.send({ method: "GET", path, entity, id });
  if (!res.ok) return res;
  const record = readRecord(schema, entity, res.value, `GET ${path}`);
  if (!record.ok) return record;
  // A read answering another record is an error, not that record: syncing it would write one record into another.
  const got = (record.value as { Id?: unknown }).Id;
  if (got !== undefined && String(got).toLowerCase() !== id.toLowerCase()) {
    return fail({
      kind: "unexpected-response",
      operation: `GET ${path}`,
      entity,
      id,
      path: "Id",
      value: got,
      message: `PowerOffice answered ${entity} ${String(got)} when asked for ${entity} ${id} (GET ${path}). Nothing was synced from it; check the id.`,
    });
  }
  return record;
}

/** GET by id where a 404 is an answer (null), not a failure: used right after creates, against the lagging replica. */
export async function getIfExists<T>(
  api: Api,
  schema: v.GenericSchema<unknown, T>,
  entity: EntityName,
  path: string,
  id: string,
): Promise<Result<T | null>> {
  const got = await getRecord(api, schema, entity, path, id);
  if (!got.ok && got.error.kind === "not-found") return ok(null);
  return got;
}

export async function listRecords<T>(
  api: Api,
  schema: v.GenericSchema<unknown, T>,
  entity: EntityName,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
): Promise<Result<T[]>> {
  const res = await api.send({ method: "GET", path, query, entity });
  if (!res.ok) return res;
  return readList(schema, entity, res.value, `GET ${path}`);
}

/** PATCHes the fields of `desired` that differ from `current`; sends nothing when none do. */
export async function patchRecord<T>(
  api: Api,
  schema: v.GenericSchema<unknown, T>,
  spec: PatchSpec,
  path: string,
  id: string,
  current: Readonly<Record<string, unknown>>,
  desired: Readonly<Record<string, unknown>>,
): Promise<Result<Updated<T>>> {
  const ops = diffPatch(spec, current, desired);
  if (!ops.ok) return ops;
  if (ops.value.length === 0) return ok({ sent: false });
  return sendPatch(api, schema, spec, path, id, ops.value);
}

export async function sendPatch<T>(
  api: Api,
  schema: v.GenericSchema<unknown, T>,
  spec: PatchSpec,
  path: string,
  id: string,
  ops: PatchOperation[],
): Promise<Result<Updated<T>>> {
  const res = await api.send({ method: "PATCH", path, body: ops, entity: spec.entity, id });
  if (!res.ok) return res;
  // PATCH /Departments/{id} documents a 200 without a body.
  if (res.value.status === 204 || !res.value.body.trim()) return ok({ sent: true, record: null });
  const record = readRecord(schema, spec.entity, res.value, `PATCH ${path}`);
  return record.ok ? ok({ sent: true, record: record.value }) : record;
}

export function checkReference(entity: EntityName, field: string, value: string | null | undefined): Result<string> {
  const ref = value?.trim() ?? "";
  if (!ref) return fail(invalidInput(entity, field, value, "is required: it is what makes the create safe to repeat"));
  if (ref.length > MAX_REFERENCE_LENGTH) {
    return fail(invalidInput(entity, field, value, `is longer than PowerOffice's ${MAX_REFERENCE_LENGTH} characters`));
  }
  return ok(ref);
}

/** Codes are compared as PowerOffice is assumed to (case-insensitive collation; docs/sync-engine.md, Decisions). */
export function sameCode(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase() && !!a?.trim();
}
