/**
 * Webshop records as SideRecords, and the external id each dataflow writes. Which resource and which customers a
 * dataflow reads is the definitions' to say (WEBSHOP_RESOURCE, holdsWebshopRecord in worker/sync).
 */
import type { WebshopRecord } from "../connectors/webshop/resources";
import type { SideRecord } from "../core/ports";
import type { DataflowId } from "../core/types";

/** The external_ids key the worker writes on a shop record of each dataflow (the PowerOffice entity it mirrors). */
export const EXTERNAL_ID_OF = {
  customers: "poweroffice_customer",
  departments: "poweroffice_department",
  products: "poweroffice_product",
  orders: "poweroffice_sales_order",
} as const satisfies Record<DataflowId, string>;

export function webshopRecord(record: WebshopRecord): SideRecord {
  return {
    id: record.id,
    marker: String(record.version),
    changedAt: Date.parse(record.updated_at),
    archived: "status" in record ? record.status === "cancelled" : !record.active,
    raw: record,
  };
}
