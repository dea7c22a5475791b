/**
 * Actions on one record: retry (one more attempt now, counted like the sync's own), replay (a fresh start for a
 * record that used up its attempts) and resolve (the admin's side per open conflict, then a sync).
 */
import { Hono } from "hono";
import { ResolveRequestSchema } from "../../../shared/api/actions";
import { sideOf } from "../../engine/passes";
import { fail } from "./api-failure";
import type { ApiEnv } from "./context";
import { actionResult, existingLink, linkIdParam, readySync } from "./route-helpers";
import { jsonBody, parseInput } from "./validate";

export const recordActions = new Hono<ApiEnv>()
  .post("/records/:linkId/retry", async (c) => {
    const deps = c.var.deps();
    const { engine } = readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    const side = sideOf(link)!;
    return c.json(await actionResult(deps, await engine.syncOne(link.dataflow, side, link.ids[side]!)));
  })
  .post("/records/:linkId/replay", async (c) => {
    const deps = c.var.deps();
    const { engine } = readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    return c.json(await actionResult(deps, await engine.replayDeadLetter(link.id)));
  })
  .post("/records/:linkId/resolve", async (c) => {
    const deps = c.var.deps();
    const { engine } = readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    const { choices } = parseInput(ResolveRequestSchema, await jsonBody(c.req.raw), "body");
    const open = new Set(link.openConflicts.map((conflict) => conflict.property));
    if (open.size === 0) {
      fail("no_open_conflicts", `Record ${link.id} has no open conflicts (any more); reload it to see its state.`);
    }
    const unknown = Object.keys(choices).filter((property) => !open.has(property));
    if (unknown.length > 0) {
      fail(
        "invalid_request",
        `Record ${link.id} has no open conflict on ${unknown.join(", ")}; its open conflicts are on ${[...open].join(", ")}.`,
      );
    }
    return c.json(await actionResult(deps, await engine.resolveConflict(link.id, choices)));
  });
