/**
 * Reading records: the list (filters, search, keyset paging), one record in detail, and a shop record by its own id
 * (the record widget on an order, product or customer page).
 */
import { Hono } from "hono";
import * as v from "valibot";
import { RecordsQuerySchema, type WebshopRecordStatus } from "../../../shared/api/records";
import type { ActivityEntry } from "../../../shared/api/values";
import { RecordId, type Resource, ResourceSchema } from "../../../shared/api/vocabulary";
import { DATAFLOWS_OF_RESOURCE } from "../../core/dataflows/shop-records";
import type { Link } from "../../core/types";
import type { Deps } from "../../wiring/build-deps";
import type { ApiEnv } from "./context";
import { recordDetail } from "./record-detail";
import { recordSummary } from "./record-summary";
import { existingLink, linkIdParam } from "./route-helpers";
import { parseInput } from "./validate";

/** A shop resource holds these dataflows: the definitions say which (a customer of kind department is a department). */
export { DATAFLOWS_OF_RESOURCE };

const WebshopRecordParams = v.object({ resource: ResourceSchema, id: RecordId });

export const recordsRoutes = new Hono<ApiEnv>()
  .get("/records", async (c) => {
    const query = parseInput(RecordsQuerySchema, c.req.query(), "query");
    const deps = c.var.deps();
    // One more than asked tells whether another page follows.
    const links = await deps.store.links.list({
      ...(query.dataflow ? { dataflow: query.dataflow } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.q ? { search: query.q } : {}),
      ...(query.cursor ? { afterId: Number(query.cursor) } : {}),
      limit: query.limit + 1,
    });
    const page = links.slice(0, query.limit);
    const more = links.length > query.limit;
    return c.json({ data: page.map(recordSummary), nextCursor: more ? String(page.at(-1)!.id) : null });
  })
  .get("/records/by-webshop/:resource/:id", async (c) => {
    const { resource, id } = parseInput(WebshopRecordParams, c.req.param(), "path");
    const deps = c.var.deps();
    const link = await webshopLink(deps, resource, id);
    const status: WebshopRecordStatus = {
      ...webshopRecordStatus(resource, id, link, null),
      lastAdminAction: link ? await lastAdminAction(deps, link.id) : null,
    };
    return c.json(status);
  })
  .get("/records/:linkId", async (c) => {
    const deps = c.var.deps();
    const link = await existingLink(deps, linkIdParam(c));
    return c.json({ record: await recordDetail(deps, link) });
  });

/** How far back the record widget looks for the admin's last action on a link. */
const ADMIN_ACTION_LOOKBACK = 50;

async function lastAdminAction(deps: Deps, linkId: number): Promise<ActivityEntry | null> {
  const entry = (await deps.store.activity.recent(ADMIN_ACTION_LOOKBACK, { linkId })).find((e) => e.actor);
  return entry ? { ...entry, actor: entry.actor ?? null } : null;
}

export async function webshopLink(deps: Deps, resource: Resource, id: string): Promise<Link | null> {
  for (const dataflow of DATAFLOWS_OF_RESOURCE[resource]) {
    const link = await deps.store.links.findBySideId(dataflow, "webshop", id);
    if (link) return link;
  }
  return null;
}

export function webshopRecordStatus(
  resource: Resource,
  id: string,
  link: Link | null,
  message: string | null,
): WebshopRecordStatus {
  return {
    resource,
    id,
    dataflow: link?.dataflow ?? null,
    state: link?.state ?? "unlinked",
    record: link ? recordSummary(link) : null,
    message,
  };
}
