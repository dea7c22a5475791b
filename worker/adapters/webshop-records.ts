/**
 * Webshop records as SideRecords, and which resource and which customers each dataflow reads: PowerOffice customers
 * are shop customers of kind person or company, PowerOffice departments shop customers of kind department.
 */
import type { Resource } from "../../shared/webshop";
import type { WebshopRecord } from "../connectors/webshop";
import type { SideRecord } from "../sync/ports";
import type { DataflowId } from "../sync/types";

export const RESOURCE_OF: Record<DataflowId, Resource> = {
  customers: "customers",
  departments: "customers",
  products: "products",
  orders: "orders",
};

/** The external_ids key the worker writes on a shop record of each dataflow (the PowerOffice entity it mirrors). */
export const EXTERNAL_ID_OF = {
  customers: "poweroffice_customer",
  departments: "poweroffice_department",
  products: "poweroffice_product",
  orders: "poweroffice_sales_order",
} as const satisfies Record<DataflowId, string>;

/** Whether a record of the shop's `resource` belongs to `dataflow` (customers are split by kind). */
export function belongsTo(dataflow: DataflowId, record: WebshopRecord): boolean {
  if (dataflow === "customers") return "kind" in record && record.kind !== "department";
  if (dataflow === "departments") return "kind" in record && record.kind === "department";
  return true;
}

export function webshopRecord(record: WebshopRecord): SideRecord {
  return {
    id: record.id,
    marker: String(record.version),
    changedAt: Date.parse(record.updated_at),
    archived: "status" in record ? record.status === "cancelled" : !record.active,
    raw: record,
  };
}
