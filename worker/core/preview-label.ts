/** A record's short name in the preview, from its canonical form: a name, an e-mail, a SKU, an order number. */
import { toCanonical } from "./canonical";
import type { LinkResolver } from "./ports";
import type { CanonicalValue, DataflowId, Side } from "./types";

const NO_LINKS: LinkResolver = { linkIdOf: () => null, sideIdOf: () => null };

const text = (value: CanonicalValue | undefined) =>
  value === null || value === undefined ? null : typeof value === "string" ? value : String(value);

export function previewLabel(dataflow: DataflowId, side: Side, raw: unknown): string {
  const c = toCanonical(dataflow, side, raw, NO_LINKS);
  const parts: Array<string | null> = [];
  switch (dataflow) {
    case "customers": {
      const person = [text(c.first_name), text(c.last_name)].filter(Boolean).join(" ");
      parts.push(text(c.name) ?? (person || null), text(c.email) ?? text(c.organization_number));
      break;
    }
    case "departments":
      parts.push(text(c.department_code), text(c.name));
      break;
    case "products":
      parts.push(text(c.sku), text(c.name));
      break;
    case "orders":
      parts.push(
        text(c.order_number) ?? text(c["external_ids.poweroffice_order_no"]),
        text(c.order_date),
        text(c.status),
      );
      break;
  }
  const label = parts.filter((p): p is string => p !== null && p !== "").join(" · ");
  return label === "" ? "(no name)" : label;
}
