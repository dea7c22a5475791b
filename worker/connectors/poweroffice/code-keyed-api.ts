/**
 * The API shape shared by the two entities whose `Code` is their idempotency key, products and departments: get,
 * find by code, change feed, create-once by Code, JSON Patch update, archive by one patched flag.
 */
import type * as v from "valibot";
import type { Api } from "./api";
import { type FeedCursor, type FeedPage, readChangesPage } from "./change-feed";
import type { EntityName, Result } from "./errors";
import { type Created, createOnce } from "./idempotent-create";
import type { PatchOperation, PatchSpec } from "./json-patch";
import {
  checkReference,
  getIfExists,
  getRecord,
  listRecords,
  patchRecord,
  sameCode,
  sendPatch,
  type Updated,
} from "./records";
import { readRecord } from "./validate";

interface CodeKeyed {
  Id: number;
  Code?: string | null;
  LastChangedDateTimeOffset: string;
}

export interface CodeKeyedSpec<T extends CodeKeyed> {
  entity: EntityName;
  /** Collection path, e.g. "/Products". */
  path: string;
  schema: v.GenericSchema<unknown, T>;
  patch: PatchSpec;
  /** The one operation that archives a record of this entity. */
  archive: PatchOperation;
}

export function codeKeyedApi<T extends CodeKeyed, Fields extends object, Create extends Fields & { Code: string }>(
  api: Api,
  spec: CodeKeyedSpec<T>,
) {
  const { entity, schema } = spec;
  const path = (id: number | string) => `${spec.path}/${encodeURIComponent(String(id))}`;
  const feed = {
    entity,
    path: spec.path,
    schema,
    idOf: (r: T) => String(r.Id),
    changedOf: (r: T) => r.LastChangedDateTimeOffset,
  };
  const findByCode = async (code: string): Promise<Result<T | null>> => {
    // The codes filter is comma-separated: a code containing a comma cannot be searched for, finds nothing, and a
    // repeated create then ends in PowerOffice's duplicate refusal rather than a second record.
    const found = await listRecords(api, schema, entity, spec.path, { codes: code });
    if (!found.ok) return found;
    return { ok: true, value: found.value.find((r) => sameCode(r.Code, code)) ?? null };
  };

  return {
    get: (id: number): Promise<Result<T>> => getRecord(api, schema, entity, path(id), String(id)),
    findByCode,
    changesPage: (cursor?: FeedCursor, pageSize?: number): Promise<Result<FeedPage<T>>> =>
      readChangesPage(api, feed, cursor, pageSize),

    /** Creates the record once: a repeat with the same Code returns the existing one. */
    async create(input: Create): Promise<Result<Created<T>>> {
      const code = checkReference(entity, "Code", input.Code);
      if (!code.ok) return code;
      const body = { ...input, Code: code.value };
      return createOnce(api, {
        send: () => api.send({ method: "POST", path: spec.path, body, entity }),
        read: (res) => readRecord(schema, entity, res, `POST ${spec.path}`),
        find: () => findByCode(code.value),
        get: (id) => getIfExists(api, schema, entity, path(id), id),
        matches: (r) => sameCode(r.Code, code.value),
      });
    },

    update: (id: number, current: Partial<T>, desired: Fields): Promise<Result<Updated<T>>> =>
      patchRecord(api, schema, spec.patch, path(id), String(id), current, { ...(desired as Record<string, unknown>) }),

    archive: (id: number): Promise<Result<Updated<T>>> =>
      sendPatch(api, schema, spec.patch, path(id), String(id), [spec.archive]),
  };
}
