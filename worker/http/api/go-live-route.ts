/**
 * GET /api/go-live and POST /api/go-live/check-webshop (write): the go-live checklist. The read is one D1 batch
 * plus what the connection and the preview cost; the shop checks (seven GETs to the shop, never a write) run on
 * demand, and once at the first read when they never ran. Their result is kept in settings with when it ran.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import type { GoLiveResponse } from "../../../shared/api/go-live";
import { buildGoLive } from "../../status/go-live-model";
import { checkWebshop } from "../../status/webshop-check";
import { readGoLiveRows, saveWebshopCheck } from "../../store/go-live-settings";
import type { Deps } from "../../wiring/build-deps";
import type { Config } from "../../wiring/config";
import { previewResponse } from "../../wiring/preview-state";
import { connectionResponse } from "./connection-routes";
import type { ApiEnv } from "./context";

export const goLiveRoutes = new Hono<ApiEnv>()
  .get("/go-live", async (c) => c.json(await goLive(c, { checkWebshop: false })))
  .post("/go-live/check-webshop", async (c) => c.json(await goLive(c, { checkWebshop: true })));

async function goLive(c: Context<ApiEnv>, options: { checkWebshop: boolean }): Promise<GoLiveResponse> {
  const deps = c.var.deps();
  const config = c.var.config;
  const rows = await readGoLiveRows(deps.db);
  if (options.checkWebshop || rows.webshopCheck === null) rows.webshopCheck = await runWebshopCheck(deps, config);
  // As GET /api/connection answers it: while a privilege is missing (or was never read) PowerOffice is asked again.
  const { poweroffice } = await connectionResponse(deps, config, c.req.url);
  return buildGoLive({
    poweroffice,
    // As GET /api/preview answers it (its state, reviewedAt and startedAt are what the list reads).
    preview: await previewResponse(deps),
    rows,
    webhookUrl: new URL("/webhooks/webshop", c.req.url).toString(),
  });
}

/** Runs the shop checks now and keeps their result. */
async function runWebshopCheck(deps: Deps, config: Config) {
  const result = await checkWebshop({ config: config.webshop, fetch: deps.fetch, now: deps.now });
  await saveWebshopCheck(deps.db, result, result.ranAt);
  return result;
}
