/** A link as the widget lists it: its state, both ids, a name for people and PowerOffice's own number. */
import type { RecordSummary } from "../../../shared/api/records";
import type { Canonical, CanonicalValue, DataflowId, Link } from "../../core/types";

/** The canonical property holding the number PowerOffice shows for the record. */
const POWEROFFICE_NUMBER: Record<DataflowId, string> = {
  customers: "customer_number",
  departments: "department_code",
  products: "sku",
  orders: "external_ids.poweroffice_order_no",
};

const text = (value: CanonicalValue | undefined): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : null;

function labelOf(snapshot: Canonical | null): string | null {
  if (!snapshot) return null;
  const person = [text(snapshot.first_name), text(snapshot.last_name)].filter(Boolean).join(" ");
  return (
    text(snapshot.name) ??
    (person || null) ??
    text(snapshot.order_number) ??
    text(snapshot.sku) ??
    text(snapshot.department_code) ??
    text(snapshot.email)
  );
}

export function recordSummary(link: Link): RecordSummary {
  const { poweroffice, webshop } = link.snapshots;
  const numberKey = POWEROFFICE_NUMBER[link.dataflow];
  return {
    linkId: link.id,
    dataflow: link.dataflow,
    state: link.state,
    ids: { poweroffice: link.ids.poweroffice, webshop: link.ids.webshop },
    label: labelOf(webshop) ?? labelOf(poweroffice),
    powerofficeNumber: text(poweroffice?.[numberKey]) ?? text(webshop?.[numberKey]),
    lastError: link.lastError,
    attempts: link.attempts,
    nextRetryAt: link.nextRetryAt,
    openConflicts: link.openConflicts.length,
    needsAttention: link.state === "error" || link.state === "conflict" || link.state === "ambiguous",
    updatedAt: link.updatedAt,
  };
}
