/** The webshop client: one per configuration, stateless; cursors and links belong to the sync engine. */
import type { ExternalIdKey, Resource } from "../../../shared/webshop";
import { createApi, recordPath } from "./api";
import { type FeedOptions, type FeedPage, readChangesPage } from "./change-feed";
import type { Result } from "./errors";
import { createOnce } from "./idempotent-create";
import { findByExternalId, findByField } from "./lookups";
import { type CreateOf, type MatchField, type PatchOf, RESOURCE_SPECS, type RecordOf } from "./resources";
import { resolveDeps, type WebshopDeps } from "./runtime";
import { type PatchOptions, patchRecord, type Updated, wrongRecord } from "./update";
import { readRecord } from "./validate";

export function createWebshopClient(deps: WebshopDeps) {
  const api = createApi(resolveDeps(deps));

  async function get<R extends Resource>(resource: R, id: string): Promise<Result<RecordOf<R>>> {
    const path = recordPath(resource, id);
    const res = await api.send({ method: "GET", path, resource, id });
    if (!res.ok) return res;
    const record = readRecord(resource, res.value, `GET ${path}`, id);
    if (record.ok && record.value.id !== id) return wrongRecord(resource, id, record.value, `GET ${path}`);
    return record;
  }

  const update = <R extends Resource>(
    resource: R,
    id: string,
    patch: PatchOf<R>,
    options: Required<PatchOptions>,
  ): Promise<Result<Updated<RecordOf<R>>>> => patchRecord(api, resource, id, patch, options);

  return {
    /** One page of changes after `cursor` (null: from the start, or from `options.updatedAfter`). */
    changesPage: <R extends Resource>(
      resource: R,
      cursor: string | null = null,
      options?: FeedOptions,
    ): Promise<Result<FeedPage<RecordOf<R>>>> => readChangesPage(api, resource, cursor, options),

    /** Records carrying `external_ids[key] === value` (orders: or a line carrying it). */
    findByExternalId: <R extends Resource>(resource: R, key: ExternalIdKey, value: string) =>
      findByExternalId(api, resource, key, value),
    /** Records whose match field equals `value` as the contract compares it. */
    findBy: <R extends Resource>(resource: R, field: MatchField<R>, value: string) =>
      findByField(api, resource, field, value),

    /** 404 is the `not-found` error: for the engine, deleted in the shop. */
    get,

    /** POST with the caller's deterministic Idempotency-Key; safe to call again with the same key and body. */
    create: <R extends Resource>(resource: R, body: CreateOf<R>, idempotencyKey: string) =>
      createOnce(api, resource, body, idempotencyKey),

    /** PATCH a merge patch (see buildMergePatch) with If-Match; an empty patch sends nothing; 412 → version-conflict. */
    update,

    /** Customers and products: active false; orders: status cancelled. The worker never calls DELETE. */
    archive: <R extends Resource>(resource: R, id: string, options: PatchOptions = {}) =>
      patchRecord(api, resource, id, RESOURCE_SPECS[resource].archive, options),
  };
}

export type WebshopClient = ReturnType<typeof createWebshopClient>;
