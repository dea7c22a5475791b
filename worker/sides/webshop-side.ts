/**
 * The webshop as the engine's SidePort, over the webshop connector. Updates are merge patches sent with If-Match of
 * the version the engine planned from: a 412 comes back as a retryable `version-conflict`, and the engine re-reads
 * both sides and plans again, so a change made in the shop meanwhile is merged, never overwritten.
 */
import type { ExternalIdKey, Resource } from "../../shared/webshop";
import type { WebshopClient } from "../connectors/webshop/client";
import type { WebshopError } from "../connectors/webshop/errors";
import { buildMergePatch } from "../connectors/webshop/merge-patch";
import type { CreateOf, PatchOf, RecordOf, WebshopRecord } from "../connectors/webshop/resources";
import { holdsWebshopRecord, WEBSHOP_RESOURCE } from "../core/dataflows/shop-records";
import type { CreateOptions, SidePort, SideRecord, SideResult } from "../core/ports";
import type { DataflowId } from "../core/types";
import { customerLookup, readMatchKey } from "./match-key";
import { failWith, okValue, refusal, sideError } from "./side-error";
import { EXTERNAL_ID_OF, webshopRecord } from "./webshop-records";

const SIDE = "webshop";
type Fields = Record<string, unknown>;

export function createWebshopSide(client: WebshopClient): SidePort {
  const fail = (error: WebshopError) => failWith(sideError(SIDE, error));

  async function lookup(resource: Resource, field: string, value: string): Promise<SideResult<WebshopRecord[]>> {
    const found = await client.findBy(resource, field as never, value);
    return found.ok ? okValue(found.value as WebshopRecord[]) : fail(found.error);
  }

  async function update(dataflow: DataflowId, current: SideRecord, desired: Fields) {
    const resource = WEBSHOP_RESOURCE[dataflow];
    const raw = current.raw as WebshopRecord;
    const patch = buildMergePatch(raw, desired) as PatchOf<typeof resource>;
    const res = await client.update(resource, current.id, patch, { ifMatch: raw.version });
    if (!res.ok) return fail(res.error);
    return okValue(res.value.sent ? webshopRecord(res.value.record) : null);
  }

  /** The record an earlier attempt created, found by the external id the create body carries. */
  async function earlierCreate(dataflow: DataflowId, payload: Fields): Promise<SideResult<WebshopRecord | null>> {
    const key: ExternalIdKey = EXTERNAL_ID_OF[dataflow];
    const value = (payload.external_ids as Record<string, string> | undefined)?.[key];
    if (!value) return okValue(null);
    const found = await client.findByExternalId(WEBSHOP_RESOURCE[dataflow], key, value);
    if (!found.ok) return fail(found.error);
    const records = (found.value as WebshopRecord[]).filter((r) => holdsWebshopRecord(dataflow, r));
    if (records.length > 1) {
      const ids = records.map((r) => r.id).join(", ");
      return failWith(
        refusal(SIDE, "duplicate", `The webshop holds ${records.length} records carrying ${key} ${value} (${ids}).`),
      );
    }
    return okValue(records[0] ?? null);
  }

  async function adopt(dataflow: DataflowId, existing: WebshopRecord, payload: Fields) {
    const record = webshopRecord(existing);
    const updated = await update(dataflow, record, payload);
    if (!updated.ok) return updated;
    return okValue(updated.value ?? record);
  }

  return {
    side: SIDE,

    async feedPage(dataflow, cursor, limit) {
      const resource = WEBSHOP_RESOURCE[dataflow];
      const page = await client.changesPage(resource, (cursor as string | null) ?? null, { limit });
      if (!page.ok) return fail(page.error);
      // Customers and departments share the shop's customers feed; each dataflow keeps its own cursor over it.
      const records = (page.value.records as WebshopRecord[])
        .filter((r) => holdsWebshopRecord(dataflow, r))
        .map(webshopRecord);
      return okValue({ records, cursor: page.value.cursor, done: page.value.done });
    },

    async get(dataflow, id) {
      const found = await client.get(WEBSHOP_RESOURCE[dataflow], id);
      if (!found.ok) return found.error.kind === "not-found" ? okValue(null) : fail(found.error);
      return okValue(webshopRecord(found.value as WebshopRecord));
    },

    async findByMatchKey(dataflow, key, from) {
      let found: SideResult<WebshopRecord[]>;
      if (dataflow === "customers") {
        const { field, value } = customerLookup(key);
        found = await lookup("customers", field, value);
      } else if (dataflow === "departments") {
        // The contract compares department codes exactly, while match keys are case-folded: try the matched
        // record's own spelling, the key, and the key in capitals, until one finds something.
        const folded = readMatchKey(key).value;
        const own = (from?.raw as { Code?: unknown } | undefined)?.Code;
        const spellings = [typeof own === "string" ? own.trim() : "", folded, folded.toUpperCase()].filter(Boolean);
        found = okValue([]);
        for (const code of new Set(spellings)) {
          found = await lookup("customers", "department_code", code);
          if (!found.ok || found.value.length > 0) break;
        }
      } else if (dataflow === "products") {
        found = await lookup("products", "sku", readMatchKey(key).value);
      } else {
        return okValue({ supported: true as const, records: [] });
      }
      if (!found.ok) return found;
      const records = found.value.filter((r) => holdsWebshopRecord(dataflow, r)).map(webshopRecord);
      return okValue({ supported: true as const, records });
    },

    async create(dataflow, payload, reference, options?: CreateOptions) {
      const resource = WEBSHOP_RESOURCE[dataflow];
      // The shop keeps an Idempotency-Key for 24 h only: a retry first looks for what an earlier attempt made.
      if (options?.retry) {
        const earlier = await earlierCreate(dataflow, payload);
        if (!earlier.ok) return earlier;
        if (earlier.value) return adopt(dataflow, earlier.value, payload);
      }
      const created = await client.create(resource, payload as CreateOf<typeof resource>, reference);
      if (created.ok) return okValue(webshopRecord(created.value as RecordOf<typeof resource>));
      if (created.error.kind !== "idempotency-mismatch") return fail(created.error);
      // The key was first used with another body (the source changed between attempts): that record is ours.
      const earlier = await earlierCreate(dataflow, payload);
      if (!earlier.ok) return earlier;
      return earlier.value ? adopt(dataflow, earlier.value, payload) : fail(created.error);
    },

    update,

    originOf(dataflow, raw) {
      const ids = (raw as { external_ids?: Record<string, string> } | null)?.external_ids;
      return ids?.[EXTERNAL_ID_OF[dataflow]]?.trim() || null;
    },

    async archive(dataflow, current) {
      if (current.archived) return okValue(null);
      const raw = current.raw as WebshopRecord;
      const res = await client.archive(WEBSHOP_RESOURCE[dataflow], current.id, { ifMatch: raw.version });
      if (!res.ok) return fail(res.error);
      return okValue(res.value.sent ? webshopRecord(res.value.record as WebshopRecord) : null);
    },
  };
}
