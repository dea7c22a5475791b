/**
 * Switches per dataflow: pause or resume one direction (the sync keeps reading both sides, and a resumed direction
 * writes what waited), and release the mass-change brake after the admin has checked the changes.
 */
import { type Context, Hono } from "hono";
import * as v from "valibot";
import type { PauseResult } from "../../../shared/api/actions";
import { DataflowSchema, DirectionSchema } from "../../../shared/api/vocabulary";
import { pauseKey } from "../../engine/settings";
import { actorOf, audit } from "./audit";
import type { ApiEnv } from "./context";
import { readySync } from "./route-helpers";
import { parseInput } from "./validate";

const DirectionParams = v.object({ dataflow: DataflowSchema, direction: DirectionSchema });
const DataflowParams = v.object({ dataflow: DataflowSchema });

const pauseRoute = (paused: boolean) => async (c: Context<ApiEnv>) => {
  const deps = c.var.deps();
  const { engine } = await readySync(deps);
  const { dataflow, direction } = parseInput(DirectionParams, c.req.param(), "path");
  await engine.setPaused(dataflow, direction, paused);
  await audit(c, deps, {
    dataflow,
    linkId: null,
    action: paused ? "paused" : "resumed",
    message: paused
      ? `The admin paused ${direction} for ${dataflow}: nothing is written that way until it is resumed.`
      : `The admin resumed ${direction} for ${dataflow}: what waited goes out now.`,
  });
  const since = await deps.store.settings.get(pauseKey(dataflow, direction));
  const result: PauseResult = { dataflow, direction, paused: since !== null, pausedAt: since };
  return c.json(result);
};

export const dataflowActions = new Hono<ApiEnv>()
  .post("/dataflows/:dataflow/:direction/pause", pauseRoute(true))
  .post("/dataflows/:dataflow/:direction/resume", pauseRoute(false))
  .post("/dataflows/:dataflow/brake/release", async (c) => {
    const deps = c.var.deps();
    const { engine } = await readySync(deps);
    const { dataflow } = parseInput(DataflowParams, c.req.param(), "path");
    await engine.releaseBrake(dataflow, actorOf(c));
    return c.json({
      dataflow,
      message: `The mass-change brake for ${dataflow} is released; it stays off for an hour and what waited goes out now.`,
    });
  });
