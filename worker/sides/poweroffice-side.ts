/**
 * PowerOffice GO as the engine's SidePort. Dataflows map to entities one to one (customers, departments, products,
 * sales orders with their lines). PowerOffice customers cannot be searched by e-mail or org number, so their match
 * lookups are `supported: false` and the engine uses the links' match keys instead.
 */

import { canonicalRecordId } from "../../shared/api/record-ids";
import type { PowerOfficeClient } from "../connectors/poweroffice/client";
import type { CustomerCreate } from "../connectors/poweroffice/customers";
import type { DepartmentCreate } from "../connectors/poweroffice/departments";
import type { PowerOfficeError, Result } from "../connectors/poweroffice/errors";
import type { ProductCreate } from "../connectors/poweroffice/products";
import type { Updated } from "../connectors/poweroffice/records";
import type { SalesOrderComplete } from "../connectors/poweroffice/schemas";
import type { SidePort, SideRecord, SideResult } from "../core/ports";
import type { DataflowId } from "../core/types";
import { readMatchKey } from "./match-key";
import { createOrder, updateOrder } from "./poweroffice-orders";
import { numericId, type PowerOfficeRecord, powerOfficeRecord } from "./poweroffice-records";
import { failWith, okValue, refusal, sideError } from "./side-error";

const SIDE = "poweroffice";
/** `ws-c-<shop id>` / `ws-o-<shop id>`; the hashed form for long ids (`ws-c-h-` + 40 base32) cannot be read back. */
const REFERENCE_PREFIX = { customers: "ws-c-", orders: "ws-o-" } as const;
const HASHED = /^h-[a-z2-7]{40}$/i;

export function shopIdFromReference(
  dataflow: "customers" | "orders",
  reference: string | null | undefined,
): string | null {
  const text = reference?.trim() ?? "";
  const prefix = REFERENCE_PREFIX[dataflow];
  const id = text.startsWith(prefix) ? text.slice(prefix.length) : "";
  return id && !HASHED.test(id) ? id : null;
}
type Fields = Record<string, unknown>;
type CodeKeyed = "departments" | "products";

export function createPowerOfficeSide(client: PowerOfficeClient): SidePort {
  const fail = (error: PowerOfficeError) => failWith(sideError(SIDE, error));
  const badId = (dataflow: DataflowId, id: string) =>
    failWith(refusal(SIDE, "invalid-input", `"${id}" is not a PowerOffice ${dataflow} id (an integer).`));
  const asRecord = <T extends PowerOfficeRecord>(dataflow: DataflowId, result: Result<T>): SideResult<SideRecord> =>
    result.ok ? okValue(powerOfficeRecord(dataflow, result.value)) : fail(result.error);
  const codeKeyed = (dataflow: CodeKeyed) => (dataflow === "products" ? client.products : client.departments);

  async function get(dataflow: DataflowId, id: string): Promise<SideResult<SideRecord | null>> {
    // Only the canonical spelling is read: "0123" would read customer 123 under another id than its link's.
    const canonical = canonicalRecordId(SIDE, dataflow, id);
    if (!canonical.ok || canonical.id !== id) {
      const form = canonical.ok ? ` (PowerOffice writes it ${canonical.id})` : "";
      return failWith(refusal(SIDE, "invalid-input", `"${id}" is not a PowerOffice ${dataflow} id${form}.`));
    }
    if (dataflow === "orders") {
      const order = await client.salesOrders.get(id);
      if (!order.ok && order.error.kind === "order-gone") return okValue(null);
      return asRecord(dataflow, order);
    }
    const n = numericId(id);
    if (n === null) return badId(dataflow, id);
    const found = await (dataflow === "customers" ? client.customers.get(n) : codeKeyed(dataflow).get(n));
    if (!found.ok && found.error.kind === "not-found") return okValue(null);
    return asRecord(dataflow, found);
  }

  /** The record after a write: the answer's, or a fresh read when PowerOffice answered without a body. */
  async function written(
    dataflow: DataflowId,
    id: string,
    result: Result<Updated<PowerOfficeRecord>>,
  ): Promise<SideResult<SideRecord | null>> {
    if (!result.ok) return fail(result.error);
    if (!result.value.sent) return okValue(null);
    if (result.value.record) return okValue(powerOfficeRecord(dataflow, result.value.record));
    const fresh = await get(dataflow, id);
    if (fresh.ok && fresh.value === null) {
      return failWith(
        refusal(SIDE, "not-found", `PowerOffice's ${dataflow} record ${id} vanished right after a write.`),
      );
    }
    return fresh;
  }

  async function update(
    dataflow: DataflowId,
    current: SideRecord,
    desired: Fields,
  ): Promise<SideResult<SideRecord | null>> {
    if (dataflow === "orders") {
      const complete = await completeOrder(current);
      if (!complete.ok) return complete;
      const res = await updateOrder(client, complete.value, desired);
      if (!res.ok) return fail(res.error);
      return okValue(res.value.sent ? powerOfficeRecord(dataflow, res.value.order) : null);
    }
    const n = numericId(current.id);
    if (n === null) return badId(dataflow, current.id);
    const raw = current.raw as Fields;
    const res =
      dataflow === "customers"
        ? await client.customers.update(n, raw, desired)
        : await codeKeyed(dataflow).update(n, raw, desired);
    return written(dataflow, current.id, res);
  }

  /** Feed records are headers; the engine asks for what it plans with, and a header is re-read as a whole order. */
  async function completeOrder(current: SideRecord): Promise<SideResult<SalesOrderComplete>> {
    const raw = current.raw as SalesOrderComplete;
    if (!current.partial && Array.isArray(raw.SalesOrderLines)) return okValue(raw);
    const fresh = await client.salesOrders.get(current.id);
    return fresh.ok ? okValue(fresh.value) : fail(fresh.error);
  }

  async function createCodeKeyed(dataflow: CodeKeyed, payload: Fields, reference: string) {
    const api = codeKeyed(dataflow);
    // The pending link holds the code the first attempt used; if the code has changed since, that record is ours.
    const code = typeof payload.Code === "string" && payload.Code.trim() ? payload.Code : reference;
    if (code.trim().toLowerCase() !== reference.trim().toLowerCase()) {
      const earlier = await api.findByCode(reference);
      if (!earlier.ok) return fail(earlier.error);
      if (earlier.value) return bringUpToDate(dataflow, earlier.value, payload);
    }
    const created = await api.create({ ...payload, Code: code } as ProductCreate & DepartmentCreate);
    if (!created.ok) return fail(created.error);
    if (created.value.outcome === "created") return okValue(powerOfficeRecord(dataflow, created.value.record));
    return bringUpToDate(dataflow, created.value.record, payload);
  }

  /** A record an earlier attempt made may hold what that attempt sent: update it to what is wanted now. */
  async function bringUpToDate(
    dataflow: DataflowId,
    existing: PowerOfficeRecord,
    payload: Fields,
  ): Promise<SideResult<SideRecord>> {
    const record = powerOfficeRecord(dataflow, existing);
    const { ExternalImportReference: _ref, ...desired } = payload;
    const updated = await update(dataflow, record, desired);
    if (!updated.ok) return updated;
    return okValue(updated.value ?? record);
  }

  return {
    side: SIDE,

    async feedPage(dataflow, cursor, limit) {
      const from = (cursor ?? undefined) as Parameters<typeof client.customers.changesPage>[0];
      const page =
        dataflow === "customers"
          ? await client.customers.changesPage(from, limit)
          : dataflow === "orders"
            ? await client.salesOrders.changesPage(from, limit)
            : await codeKeyed(dataflow).changesPage(from, limit);
      if (!page.ok) return fail(page.error);
      const partial = dataflow === "orders";
      const records = (page.value.records as PowerOfficeRecord[]).map((r) => powerOfficeRecord(dataflow, r, partial));
      return okValue({ records, cursor: page.value.cursor, done: page.value.done });
    },

    get,

    async listedIds(dataflow) {
      if (dataflow !== "orders") return okValue(null);
      const ids = await client.salesOrders.openIds();
      return ids.ok ? okValue(ids.value) : fail(ids.error);
    },

    async findByMatchKey(dataflow, key) {
      // No e-mail or org number filter on /Customers; orders are matched by their link only.
      if (dataflow === "customers") return okValue({ supported: false as const });
      if (dataflow === "orders") return okValue({ supported: true as const, records: [] });
      const found = await codeKeyed(dataflow).findByCode(readMatchKey(key).value);
      if (!found.ok) return fail(found.error);
      const records = found.value ? [powerOfficeRecord(dataflow, found.value)] : [];
      return okValue({ supported: true as const, records });
    },

    async create(dataflow, payload, reference) {
      if (dataflow === "orders") {
        const res = await createOrder(client, payload, reference);
        return res.ok ? okValue(powerOfficeRecord(dataflow, res.value.order)) : fail(res.error);
      }
      if (dataflow !== "customers") return createCodeKeyed(dataflow, payload, reference);
      const created = await client.customers.create({
        ...payload,
        ExternalImportReference: reference,
      } as CustomerCreate);
      if (!created.ok) return fail(created.error);
      if (created.value.outcome === "created") return okValue(powerOfficeRecord(dataflow, created.value.record));
      return bringUpToDate(dataflow, created.value.record, payload);
    },

    update,

    originOf(dataflow, raw) {
      if (dataflow !== "customers" && dataflow !== "orders") return null;
      return shopIdFromReference(
        dataflow,
        (raw as { ExternalImportReference?: string | null }).ExternalImportReference,
      );
    },

    async archive(dataflow, current) {
      if (dataflow === "orders") {
        return failWith(
          refusal(
            SIDE,
            "invalid-input",
            `PowerOffice sales order ${current.id} cannot be archived by the sync: delete or credit it in PowerOffice.`,
          ),
        );
      }
      if (current.archived) return okValue(null);
      const n = numericId(current.id);
      if (n === null) return badId(dataflow, current.id);
      const res = dataflow === "customers" ? await client.customers.archive(n) : await codeKeyed(dataflow).archive(n);
      return written(dataflow, current.id, res);
    },
  };
}
