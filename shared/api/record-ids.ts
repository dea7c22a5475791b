/**
 * Record ids in their one canonical form, so that two spellings of one record can never hold two links (`"0123"` and
 * `"123"` are the same PowerOffice customer). PowerOffice customers, departments and products have integer ids
 * (decimal, no leading zeros); its sales orders have GUIDs (lower case). The shop's ids are its own opaque strings
 * (docs/webshop-api.md) and are kept as they are: a shop read answering another id is refused instead. No id may
 * be `.` or `..` or hold a `/`: inside a URL those walk to another path than the record's.
 */
import type { DataflowId, Side } from "./vocabulary";

export type IdCheck = { ok: true; id: string } | { ok: false; problem: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT64_MAX = 9223372036854775807n;

/** Why `id` may not be put into a URL path, or null when it may. */
export function pathProblem(id: string): string | null {
  if (id === "." || id === "..") return `"${id}" is not a record id`;
  if (id.includes("/")) return `"${id}" is not a record id (ids cannot contain "/")`;
  return null;
}

/** The canonical form of `raw` as an id of `side`'s records in `dataflow`, or what is wrong with it. */
export function canonicalRecordId(side: Side, dataflow: DataflowId, raw: string): IdCheck {
  const text = raw.trim();
  if (text === "") return { ok: false, problem: "must not be empty" };
  const unsafe = pathProblem(text);
  if (unsafe) return { ok: false, problem: unsafe };
  if (side === "webshop") return { ok: true, id: text };
  if (dataflow === "orders") {
    return GUID.test(text)
      ? { ok: true, id: text.toLowerCase() }
      : {
          ok: false,
          problem: `"${text}" is not a PowerOffice sales order id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)`,
        };
  }
  if (!/^\d{1,25}$/.test(text)) {
    return { ok: false, problem: `"${text}" is not a PowerOffice ${dataflow} id (a whole number such as 123)` };
  }
  const n = BigInt(text);
  if (n === 0n || n > INT64_MAX) {
    return { ok: false, problem: `"${text}" is not a PowerOffice ${dataflow} id (a whole number from 1 up)` };
  }
  return { ok: true, id: n.toString() };
}

/** A URL path's segment that walks elsewhere (`.`, `..`, an encoded `/`), or null: the connectors' last check. */
export function unsafePathSegment(path: string): string | null {
  for (const segment of path.split("?")[0]!.split("/").slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return segment;
    }
    if (decoded === "." || decoded === ".." || decoded.includes("/")) return segment;
  }
  return null;
}
