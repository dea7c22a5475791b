/**
 * What a match key asks a side to look up. The core writes keys as "<field>:<value>" (email, organization_number,
 * department_code, sku); a bare key is read by its shape (an @ is an e-mail, digits an org number, else a code).
 */
export type LookupField = "email" | "organization_number" | "department_code" | "sku";

const FIELDS: readonly LookupField[] = ["email", "organization_number", "department_code", "sku"];

export function readMatchKey(key: string): { field: LookupField | null; value: string } {
  const at = key.indexOf(":");
  const field = at > 0 ? key.slice(0, at) : "";
  if ((FIELDS as readonly string[]).includes(field)) return { field: field as LookupField, value: key.slice(at + 1) };
  return { field: null, value: key };
}

/** The shop lookup for a customers key: e-mail, or the org number of a company. */
export function customerLookup(key: string): { field: "email" | "organization_number"; value: string } {
  const { field, value } = readMatchKey(key);
  if (field === "email" || field === "organization_number") return { field, value };
  return { field: /^\d+$/.test(value) ? "organization_number" : "email", value };
}
