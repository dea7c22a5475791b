/**
 * Which shop lookup a customers match key stands for. The core's keys are e-mail (lower-cased) or an org number
 * (digits only), optionally prefixed ("email:", "org:"); an unprefixed key with an @ is an e-mail, digits an org number.
 */
export type CustomerLookupField = "email" | "organization_number";

const PREFIXES: Array<[RegExp, CustomerLookupField]> = [
  [/^(?:email|e-mail|mail):/i, "email"],
  [/^(?:org|orgnr|organization_number|organisation_number):/i, "organization_number"],
];

export function customerLookup(key: string): { field: CustomerLookupField; value: string } {
  for (const [prefix, field] of PREFIXES) {
    if (prefix.test(key)) return { field, value: key.replace(prefix, "") };
  }
  if (/^\d+$/.test(key)) return { field: "organization_number", value: key };
  return { field: "email", value: key };
}
