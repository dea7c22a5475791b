/**
 * Linking by hand: link two existing records, unlink a pair (neither is synced again until linked by hand), and
 * relink, which is unlink followed by link to the records named (an id left out keeps that side's record).
 */
import { Hono } from "hono";
import { LinkRequestSchema, RelinkRequestSchema } from "../../../shared/api/actions";
import type { Deps } from "../../deps";
import { isUnlinked } from "../../engine/link-shape";
import { type DataflowId, type Link, SIDES } from "../../sync/types";
import { fail } from "./api-failure";
import type { ApiEnv } from "./context";
import { actionResult, existingLink, linkIdParam, readySync } from "./route-helpers";
import { jsonBody, parseInput } from "./validate";

const SIDE_NAME = { poweroffice: "PowerOffice", webshop: "webshop" } as const;

export const linkActions = new Hono<ApiEnv>()
  .post("/links", async (c) => {
    const deps = c.var.deps();
    const { engine } = readySync(deps);
    const body = parseInput(LinkRequestSchema, await jsonBody(c.req.raw), "body");
    await refuseTaken(deps, body.dataflow, body.powerofficeId, body.webshopId, null);
    return c.json(await actionResult(deps, await engine.link(body.dataflow, body.powerofficeId, body.webshopId)));
  })
  .delete("/links/:linkId", async (c) => {
    const deps = c.var.deps();
    const { engine } = readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    return c.json(await actionResult(deps, await engine.unlink(link.id)));
  })
  .post("/links/:linkId/relink", async (c) => {
    const deps = c.var.deps();
    const { engine } = readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    const body = parseInput(RelinkRequestSchema, await jsonBody(c.req.raw), "body");
    const powerofficeId = body.powerofficeId ?? link.ids.poweroffice;
    const webshopId = body.webshopId ?? link.ids.webshop;
    if (powerofficeId === null || webshopId === null) {
      const side = powerofficeId === null ? "powerofficeId" : "webshopId";
      fail(
        "invalid_request",
        `Record ${link.id} has no ${side === "powerofficeId" ? "PowerOffice" : "webshop"} record: name its ${side}.`,
      );
    }
    await refuseTaken(deps, link.dataflow, powerofficeId!, webshopId!, link);
    await engine.unlink(link.id);
    return c.json(await actionResult(deps, await engine.link(link.dataflow, powerofficeId!, webshopId!)));
  });

/**
 * A record already linked to another partner is not taken away silently: the admin unlinks that pair first. (The
 * engine refuses it too; checking here answers 409 in words instead of a sync result.) `relinking` is the link being
 * relinked, whose own pair is about to be separated.
 */
async function refuseTaken(
  deps: Deps,
  dataflow: DataflowId,
  powerofficeId: string,
  webshopId: string,
  relinking: Link | null,
): Promise<void> {
  const wanted = { poweroffice: powerofficeId, webshop: webshopId };
  for (const side of SIDES) {
    const holder = await deps.store.links.findBySideId(dataflow, side, wanted[side]);
    if (!holder || holder.id === relinking?.id || isUnlinked(holder)) continue;
    const other = side === "poweroffice" ? "webshop" : "poweroffice";
    const partner = holder.ids[other];
    if (partner !== null && partner !== wanted[other]) {
      fail(
        "already_linked",
        `${SIDE_NAME[side]} record ${wanted[side]} is already linked to ${SIDE_NAME[other]} record ${partner} (record ${holder.id}): unlink that pair first.`,
      );
    }
  }
}
