/**
 * Linking by hand: link two existing records, unlink a pair (neither is synced again until linked by hand), and
 * relink to the records named (an id left out keeps that side's record). Ids are taken in their canonical form
 * (shared/api/record-ids.ts); the engine checks the pair before it changes anything, and a refusal is a 4xx in words.
 */
import { Hono } from "hono";
import { LinkRequestSchema, RelinkRequestSchema } from "../../../shared/api/actions";
import { canonicalRecordId } from "../../../shared/api/record-ids";
import type { DataflowId } from "../../core/types";
import type { SyncResult } from "../../engine/engine";
import { fail } from "./api-failure";
import { actorOf } from "./audit";
import type { ApiEnv } from "./context";
import { actionResult, existingLink, linkIdParam, readySync } from "./route-helpers";
import { jsonBody, parseInput } from "./validate";

export const linkActions = new Hono<ApiEnv>()
  .post("/links", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
    const body = parseInput(LinkRequestSchema, await jsonBody(c.req.raw), "body");
    const powerofficeId = powerOfficeId(body.dataflow, body.powerofficeId);
    const result = await engine.link(body.dataflow, powerofficeId, body.webshopId, actorOf(c));
    return c.json(await actionResult(deps, unlessRefused(result)));
  })
  .delete("/links/:linkId", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    return c.json(await actionResult(deps, unlessRefused(await engine.unlink(link.id, actorOf(c)))));
  })
  .post("/links/:linkId/relink", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    const body = parseInput(RelinkRequestSchema, await jsonBody(c.req.raw), "body");
    const ids = {
      ...(body.powerofficeId !== undefined ? { poweroffice: powerOfficeId(link.dataflow, body.powerofficeId) } : {}),
      ...(body.webshopId !== undefined ? { webshop: body.webshopId } : {}),
    };
    return c.json(await actionResult(deps, unlessRefused(await engine.relink(link.id, ids, actorOf(c)))));
  });

/** The PowerOffice id in the one form links hold ("0123" is customer 123), or a 400 saying what it must be. */
function powerOfficeId(dataflow: DataflowId, raw: string): string {
  const checked = canonicalRecordId("poweroffice", dataflow, raw);
  return checked.ok ? checked.id : fail("invalid_request", `The body is not valid: powerofficeId: ${checked.problem}.`);
}

/** A link or relink the engine refused changed nothing: it is answered as the 4xx its code names. */
function unlessRefused(result: SyncResult): SyncResult {
  return result.refusal ? fail(result.refusal.code, result.refusal.message) : result;
}
