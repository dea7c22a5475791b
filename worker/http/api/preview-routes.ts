/**
 * The preview before the first sync (docs/widget.md, "Preview"): its state and counts, the plan's items (paged,
 * filtered, as CSV), the options, links by hand, reading again, reviewed, and "Start syncing". Nothing here writes
 * to either system.
 */
import { type Context, Hono } from "hono";
import type * as v from "valibot";
import {
  PREVIEW_PAGE_DEFAULT,
  type PreviewItem,
  PreviewItemsQuerySchema,
  type PreviewItemsResponse,
  PreviewLinkRequestSchema,
  PreviewOptionsSchema,
} from "../../../shared/api/preview";
import { canonicalRecordId } from "../../../shared/api/record-ids";
import { type ItemFilter, pagePreviewItems } from "../../store/preview-store";
import type { Deps } from "../../wiring/build-deps";
import type { FirstSyncRecord } from "../../wiring/first-sync";
import {
  linkInPreview,
  markReviewed,
  PreviewRefusal,
  restartPreview,
  saveOptions,
  startSyncing,
} from "../../wiring/preview-actions";
import { PREVIEW_READ_LEASE, readPreview } from "../../wiring/preview-read";
import { previewResponse } from "../../wiring/preview-state";
import { fail } from "./api-failure";
import { actorOf } from "./audit";
import type { ApiEnv } from "./context";
import { jsonBody, parseInput } from "./validate";

/** A refresh holds the preview's read lease this long at most (renewed while it reads, like the cron's). */
const REFRESH_LEASE_MS = 20_000;
/** Items per statement of the CSV's read: the whole filter, page by page. */
const CSV_PAGE = 500;

async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PreviewRefusal) return fail(error.code, error.message);
    throw error;
  }
}

const answer = async (c: Context<ApiEnv>, deps: Deps, known?: FirstSyncRecord) =>
  c.json(await previewResponse(deps, known));

function filterOf(query: v.InferOutput<typeof PreviewItemsQuerySchema>): ItemFilter {
  return {
    ...(query.dataflow ? { dataflow: query.dataflow } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}

export const previewRoutes = new Hono<ApiEnv>()
  .get("/preview", async (c) => answer(c, c.var.deps()))
  .put("/preview/options", async (c) => {
    const deps = c.var.deps();
    const options = parseInput(PreviewOptionsSchema, await jsonBody(c.req.raw), "options");
    await refusing(() => saveOptions(deps, options));
    return answer(c, deps);
  })
  .get("/preview/items.csv", async (c) => {
    const deps = c.var.deps();
    const query = parseInput(PreviewItemsQuerySchema, c.req.query(), "query");
    const filter = filterOf(query);
    const rows: string[] = [CSV_HEADER.join(",")];
    let after = 0;
    for (;;) {
      const page = await pagePreviewItems(deps.db, filter, after, CSV_PAGE);
      for (const { item } of page) rows.push(csvRow(item as PreviewItem));
      if (page.length < CSV_PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    const name = `preview-${query.dataflow ?? "all"}-${query.action ?? "all"}.csv`;
    return c.body(`${rows.join("\r\n")}\r\n`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    });
  })
  .get("/preview/items", async (c) => {
    const deps = c.var.deps();
    const query = parseInput(PreviewItemsQuerySchema, c.req.query(), "query");
    const limit = query.limit ?? PREVIEW_PAGE_DEFAULT;
    // One more than asked tells whether there is a next page.
    const page = await pagePreviewItems(deps.db, filterOf(query), Number(query.cursor ?? 0), limit + 1);
    const shown = page.slice(0, limit);
    const body: PreviewItemsResponse = {
      data: shown.map((row) => row.item as PreviewItem),
      nextCursor: page.length > limit ? String(shown[shown.length - 1]!.seq) : null,
    };
    return c.json(body);
  })
  .post("/preview/links", async (c) => {
    const deps = c.var.deps();
    const body = parseInput(PreviewLinkRequestSchema, await jsonBody(c.req.raw), "link");
    const po = canonicalRecordId("poweroffice", body.dataflow, body.powerofficeId);
    if (!po.ok) return fail("invalid_request", `The link is not valid: powerofficeId: ${po.problem}.`);
    const shop = canonicalRecordId("webshop", body.dataflow, body.webshopId);
    if (!shop.ok) return fail("invalid_request", `The link is not valid: webshopId: ${shop.problem}.`);
    const ids = { poweroffice: po.id, webshop: shop.id };
    // The dataflow is planned again under the preview's read lease, as the cron plans it.
    if (!(await deps.leases.take(PREVIEW_READ_LEASE, `preview-link:${crypto.randomUUID()}`, REFRESH_LEASE_MS))) {
      return fail("preview_not_ready", "The preview is being read at this moment: try again in a few seconds.");
    }
    try {
      return c.json(await refusing(() => linkInPreview(deps, body.dataflow, ids, actorOf(c))));
    } finally {
      deps.budget.closing();
      await deps.leases.release(PREVIEW_READ_LEASE);
    }
  })
  .post("/preview/refresh", async (c) => {
    const deps = c.var.deps();
    if (!(await deps.leases.take(PREVIEW_READ_LEASE, `preview-refresh:${crypto.randomUUID()}`, REFRESH_LEASE_MS))) {
      return fail("preview_not_ready", "The preview is being read at this moment: try again in a few seconds.");
    }
    try {
      const fresh = await refusing(() => restartPreview(deps));
      // Read at once as far as this request's budget allows; the cron goes on from there every minute.
      await readPreview(deps, fresh);
    } finally {
      deps.budget.closing();
      await deps.leases.release(PREVIEW_READ_LEASE);
    }
    return answer(c, deps);
  })
  .post("/preview/reviewed", async (c) => {
    const deps = c.var.deps();
    return answer(c, deps, await refusing(() => markReviewed(deps)));
  })
  .post("/preview/start", async (c) => {
    const deps = c.var.deps();
    return answer(c, deps, await refusing(() => startSyncing(deps, actorOf(c))));
  });

const CSV_HEADER = [
  "dataflow",
  "action",
  "matched_by",
  "poweroffice_id",
  "poweroffice_label",
  "webshop_id",
  "webshop_label",
  "candidates",
  "reason",
  "differences",
];

function csvRow(item: PreviewItem): string {
  const differences = item.differences
    .map(
      (d) =>
        `${d.property}: PowerOffice ${d.poweroffice ?? "(empty)"} / webshop ${d.webshop ?? "(empty)"} → ${d.winner}`,
    )
    .join("; ");
  const action = item.action === "link" && item.differences.length > 0 ? "link (differing)" : item.action;
  return [
    item.dataflow,
    action,
    item.matchedBy,
    item.poweroffice?.id,
    item.poweroffice?.label,
    item.webshop?.id,
    item.webshop?.label,
    item.candidates.map((x) => `${x.side} ${x.id} ${x.label}`).join("; "),
    item.reason,
    differences,
  ]
    .map(csvField)
    .join(",");
}

/** RFC 4180 quoting; a value a spreadsheet would run as a formula (=, +, -, @) is kept as text with a leading '. */
export function csvField(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
