/**
 * Updates as JSON merge patches with If-Match, never a blind overwrite: a 412 comes back as a typed
 * `version-conflict` carrying the shop's current record, from which the engine plans again.
 *
 *   patch ─ empty ─▶ nothing to send
 *     └─ PATCH If-Match: version ─ 200 ─▶ updated (version must be version + 1)
 *                          └─ 412 ─▶ version-conflict with error.current (the shop's record now)
 */
import type { Resource } from "../../../shared/webshop";
import { type Api, recordPath } from "./api";
import { contractViolation, ENTITY, fail, invalidInput, ok, type Result, show } from "./errors";
import { checkInput } from "./input";
import { isEmptyPatch } from "./merge-patch";
import { type PatchOf, RESOURCE_SPECS, type RecordOf } from "./resources";
import { readShopError } from "./shop-error";
import { checkRecord, readRecord } from "./validate";

/** `sent: false`: the patch was empty, so nothing was sent. */
export type Updated<T> = { sent: false } | { sent: true; record: T };

export interface PatchOptions {
  /** The version the patch was planned from; the shop answers 412 if the record has moved on since. */
  ifMatch?: number;
}

export async function patchRecord<R extends Resource>(
  api: Api,
  resource: R,
  id: string,
  patch: PatchOf<R>,
  options: PatchOptions,
): Promise<Result<Updated<RecordOf<R>>>> {
  const { ifMatch } = options;
  if (ifMatch !== undefined && !(Number.isInteger(ifMatch) && ifMatch >= 1)) {
    return fail(invalidInput(resource, "If-Match", ifMatch, "must be the record's version, an integer from 1"));
  }
  if (isEmptyPatch(patch)) return ok({ sent: false });
  const checked = checkInput(resource, RESOURCE_SPECS[resource].patch, patch);
  if (!checked.ok) return checked;
  const path = recordPath(resource, id);
  const operation = `PATCH ${path}`;
  const res = await api.send({
    method: "PATCH",
    path,
    body: patch,
    headers: ifMatch === undefined ? {} : { "If-Match": String(ifMatch) },
    resource,
    id,
    passThrough: [412],
  });
  if (!res.ok) return res;
  if (res.value.status === 412) return versionConflict(resource, id, ifMatch ?? 0, res.value.body, operation);
  const record = readRecord(resource, res.value, operation, id);
  if (!record.ok) return record;
  if (record.value.id !== id) return wrongRecord(resource, id, record.value, operation);
  // +1 per change: more than that means the patch landed on a newer version than it was planned from.
  if (ifMatch !== undefined && record.value.version > ifMatch + 1) {
    return fail(
      contractViolation(
        resource,
        operation,
        "if-match-ignored",
        `it applied a patch planned from version ${ifMatch} to a newer one (now version ${record.value.version}) instead of answering 412, so a concurrent change may have been overwritten`,
        { ifMatch, version: record.value.version, record: record.value },
        id,
      ),
    );
  }
  return ok({ sent: true, record: record.value });
}

function versionConflict<R extends Resource>(
  resource: R,
  id: string,
  sentVersion: number,
  body: string,
  operation: string,
): Result<never> {
  const shopError = readShopError(body);
  const raw = shopError?.details?.current;
  let current: RecordOf<R> | null = null;
  if (raw !== undefined && raw !== null) {
    const checked = checkRecord(resource, raw, operation, id);
    if (!checked.ok) return checked;
    current = checked.value;
  }
  const now = current ? ` (now version ${current.version})` : "";
  return fail({
    kind: "version-conflict",
    operation,
    resource,
    id,
    sentVersion,
    current,
    message: `The ${ENTITY[resource]} ${id} changed in the webshop while the sync was updating it (planned from version ${sentVersion}${now}). Nothing was overwritten; the sync re-reads it and plans again.`,
  });
}

export function wrongRecord<R extends Resource>(
  resource: R,
  id: string,
  got: RecordOf<R>,
  operation: string,
): Result<never> {
  return fail(
    contractViolation(resource, operation, "wrong-record", `asked for ${id}, it answered ${show(got.id)}`, got, id),
  );
}
