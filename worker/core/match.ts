/**
 * Match keys for records that have no link yet (docs/sync-engine.md, "Matching"). A key is "<field>:<value>" so the
 * adapters know which lookup to use (see `matchLookup`); null is a weak key and never matches.
 */
import type { DataflowId, Side } from "./types";
import { emailKey, orgNumber, text } from "./values";

/** The lookup fields of the webshop contract (and what PowerOffice's codes= filter serves for Code). */
export type MatchField = "email" | "organization_number" | "department_code" | "sku";

type Json = Record<string, unknown>;

const key = (field: MatchField, value: string | null) => (value === null ? null : `${field}:${value}`);
const codeKey = (value: unknown) => text(value)?.toLowerCase() ?? null;

export function matchKeyOf(dataflow: DataflowId, side: Side, raw: unknown): string | null {
  const r = (raw ?? {}) as Json;
  const po = side === "poweroffice";
  switch (dataflow) {
    case "customers": {
      const person = po ? r.IsPerson === true : r.kind === "person";
      const mail = key("email", emailKey(po ? r.EmailAddress : r.email));
      if (person) return mail;
      return key("organization_number", orgNumber(po ? r.OrganizationNumber : r.organization_number)) ?? mail;
    }
    case "departments":
      return key("department_code", codeKey(po ? r.Code : r.department_code));
    case "products":
      return key("sku", codeKey(po ? r.Code : r.sku));
    case "orders":
      return null;
  }
}

/** What a match key asks a side to look up: the webshop's lookup field, or PowerOffice's codes= filter. */
export function matchLookup(key: string): { field: MatchField; value: string } | null {
  const at = key.indexOf(":");
  if (at < 0) return null;
  const field = key.slice(0, at) as MatchField;
  if (!["email", "organization_number", "department_code", "sku"].includes(field)) return null;
  return { field, value: key.slice(at + 1) };
}
