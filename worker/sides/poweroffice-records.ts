/**
 * PowerOffice records as SideRecords: the id as text, LastChangedDateTimeOffset as the marker (in the connector's one
 * exact spelling) and, for `newest-wins` only, as epoch milliseconds; archived is IsArchived, or IsActive false for
 * departments (PowerOffice orders have no archived state: an invoiced order leaves /SalesOrders instead).
 */
import type { Customer, Department, Product, SalesOrder, SalesOrderComplete } from "../connectors/poweroffice/schemas";
import { timestampTicks } from "../connectors/poweroffice/timestamp";
import type { SideRecord } from "../core/ports";
import type { DataflowId } from "../core/types";

export type PowerOfficeRecord = Customer | Department | Product | SalesOrder | SalesOrderComplete;

const TICKS_PER_MS = 10_000n;

/** Epoch ms of a PowerOffice timestamp; its 100 ns precision is kept in the marker, not here. */
export function changedAtMs(timestamp: string): number {
  const ticks = timestampTicks(timestamp);
  return ticks === null ? 0 : Number(ticks / TICKS_PER_MS);
}

export function powerOfficeRecord(dataflow: DataflowId, raw: PowerOfficeRecord, partial = false): SideRecord {
  const record: SideRecord = {
    // Sales order GUIDs in lower case, the one form links hold (shared/api/record-ids.ts).
    id: dataflow === "orders" ? String(raw.Id).toLowerCase() : String(raw.Id),
    marker: raw.LastChangedDateTimeOffset,
    changedAt: changedAtMs(raw.LastChangedDateTimeOffset),
    archived: isArchived(dataflow, raw),
    raw,
  };
  return partial ? { ...record, partial: true } : record;
}

function isArchived(dataflow: DataflowId, raw: PowerOfficeRecord): boolean {
  if (dataflow === "departments") return (raw as Department).IsActive === false;
  if (dataflow === "orders") return false;
  return (raw as Customer | Product).IsArchived === true;
}

/** PowerOffice's int64 ids travel as text; anything else never reaches the API. */
export function numericId(id: string): number | null {
  if (!/^-?\d+$/.test(id)) return null;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : null;
}
