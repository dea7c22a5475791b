/**
 * How every v2 list answers: ResourceParameters (PageNumber 1-based, PageSize default 5000 max 20000, OrderBy with
 * optional ` desc` and commas, Fields projection), an X-Pagination header, a bare JSON array, or 204 with an empty
 * body when the page is empty. OData options ($top, $skip…) are refused with 400.
 */
import { invalidValue, jsonResponse, ProblemError, TITLE_INVALID_INPUT } from "../core/problem";
import type { Spec } from "../schema/field-spec";
import type { Query } from "./query";

const DEFAULT_PAGE_SIZE = 5000;
const MAX_PAGE_SIZE = 20000;

interface SortTerm {
  field: string;
  desc: boolean;
}

/** `rows` in the API's default order (creation order); `render` turns one into its DTO. */
export function listResponse<R extends object>(
  query: Query,
  spec: Spec,
  rows: R[],
  render: (row: R) => Record<string, unknown>,
): Response {
  const odata = query.names().find((name) => name.startsWith("$"));
  if (odata) {
    throw new ProblemError(
      400,
      TITLE_INVALID_INPUT,
      `The query parameter '${odata}' is not supported. Use PageNumber, PageSize, OrderBy and Fields.`,
    );
  }
  const pageNumber = query.int("PageNumber") ?? 1;
  const pageSize = query.int("PageSize") ?? DEFAULT_PAGE_SIZE;
  if (pageNumber < 1) throw invalidValue("PageNumber", String(pageNumber));
  if (pageSize < 1) throw invalidValue("PageSize", String(pageSize));
  if (pageSize > MAX_PAGE_SIZE) {
    throw new ProblemError(400, TITLE_INVALID_INPUT, `PageSize cannot be larger than MaxPageSize (${MAX_PAGE_SIZE}).`);
  }
  const order = parseOrderBy(query.get("OrderBy"), spec);
  const fields = parseFields(query.get("Fields"), spec);

  const items = rows.map((row) => ({ row: row as Record<string, unknown>, dto: render(row) }));
  if (order.length > 0) items.sort((a, b) => compareItems(a, b, order, spec));
  const page = items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const totalPages = Math.ceil(items.length / pageSize);
  const pagination = {
    totalCount: items.length,
    pageSize,
    currentPage: pageNumber,
    totalPages,
    previousPageLink: pageNumber > 1 ? pageLink(query.url, pageNumber - 1) : null,
    nextPageLink: pageNumber < totalPages ? pageLink(query.url, pageNumber + 1) : null,
  };
  const headers = { "x-pagination": JSON.stringify(pagination) };
  if (page.length === 0) return new Response(null, { status: 204, headers });
  const body = page.map(({ dto }) => (fields ? Object.fromEntries(fields.map((f) => [f, dto[f]])) : dto));
  return jsonResponse(200, body, headers);
}

function canonicalField(name: string, spec: Spec, parameter: string): string {
  const match = Object.keys(spec).find(
    (key) => key.toLowerCase() === name.toLowerCase() && spec[key]!.in.includes("D"),
  );
  if (!match) {
    throw new ProblemError(400, TITLE_INVALID_INPUT, `${parameter} contains an unknown field: '${name}'.`);
  }
  return match;
}

function parseOrderBy(value: string | null, spec: Spec): SortTerm[] {
  if (value === null) return [];
  return value
    .split(",")
    .map((term) => term.trim())
    .filter((term) => term !== "")
    .map((term) => {
      const [name = "", direction = "asc", ...extra] = term.split(/\s+/);
      if (extra.length > 0 || !["asc", "desc"].includes(direction.toLowerCase())) {
        throw new ProblemError(
          400,
          TITLE_INVALID_INPUT,
          `OrderBy term '${term}' is not valid. Use 'Field' or 'Field desc'.`,
        );
      }
      return { field: canonicalField(name, spec, "OrderBy"), desc: direction.toLowerCase() === "desc" };
    });
}

function parseFields(value: string | null, spec: Spec): string[] | null {
  if (value === null) return null;
  return value
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .map((name) => canonicalField(name, spec, "Fields"));
}

type Item = { row: Record<string, unknown>; dto: Record<string, unknown> };

function compareItems(a: Item, b: Item, order: SortTerm[], spec: Spec): number {
  for (const { field, desc } of order) {
    // Timestamps sort on their ticks (exact to 100 ns), not on their text.
    const exact = spec[field]!.type.startsWith("datetime");
    const result = compareValues(exact ? a.row[field] : a.dto[field], exact ? b.row[field] : b.dto[field]);
    if (result !== 0) return desc ? -result : result;
  }
  return 0;
}

// SQL Server order: NULL first, strings without regard to case.
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "string" && typeof b === "string") {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function pageLink(url: URL, page: number): string {
  const next = new URL(url);
  for (const key of [...next.searchParams.keys()]) {
    if (/^(resourceparameter\.)?pagenumber$/i.test(key)) next.searchParams.delete(key);
  }
  next.searchParams.set("PageNumber", String(page));
  return next.toString();
}
