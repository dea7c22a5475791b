/**
 * Actions on one record: retry (one more attempt now, counted like the sync's own), replay (a fresh start for a
 * record that used up its attempts) and resolve (the admin's side per open conflict, then a sync).
 */
import { Hono } from "hono";
import { ResolveRequestSchema } from "../../../shared/api/actions";
import { sideOf } from "../../engine/passes";
import { fail } from "./api-failure";
import { audit } from "./audit";
import type { ApiEnv } from "./context";
import { actionResult, existingLink, linkIdParam, readySync } from "./route-helpers";
import { jsonBody, parseInput } from "./validate";

export const recordActions = new Hono<ApiEnv>()
  .post("/records/:linkId/retry", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    const side = sideOf(link)!;
    const result = await engine.syncOne(link.dataflow, side, link.ids[side]!);
    await audit(c, deps, {
      dataflow: link.dataflow,
      linkId: link.id,
      action: "retried",
      message: `Retried by the admin: ${result.message ?? `now ${result.state}`}`,
    });
    return c.json(await actionResult(deps, result));
  })
  .post("/records/:linkId/replay", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
    const link = await existingLink(deps, linkIdParam(c));
    const result = await engine.replayDeadLetter(link.id);
    await audit(c, deps, {
      dataflow: link.dataflow,
      linkId: link.id,
      action: "replayed",
      message: `Replayed by the admin with a fresh count of attempts: ${result.message ?? `now ${result.state}`}`,
    });
    return c.json(await actionResult(deps, result));
  })
  .post("/records/:linkId/resolve", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
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
    const result = await engine.resolveConflict(link.id, choices);
    const chosen = Object.entries(choices).map(([property, side]) => `${property}: ${side}`);
    await audit(c, deps, {
      dataflow: link.dataflow,
      linkId: link.id,
      action: "resolved",
      message: `Resolved by the admin (${chosen.join(", ")}): ${result.message ?? `now ${result.state}`}`,
    });
    return c.json(await actionResult(deps, result));
  });
