/** The worker's HTTP surface: one Hono app, each area in its own module. Errors end in one place, as JSON. */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { DepsOverrides } from "../wiring/build-deps";
import { createApi } from "./api/widget-api";
import { createHealth } from "./health";
import { openapi } from "./openapi";
import { createPowerOfficeCallback } from "./poweroffice-callback";
import { createWebhooks } from "./webhooks";

/** The app; `overrides` reach every route that builds dependencies (tests: simulators, a fake clock). */
export function createApp(overrides: DepsOverrides = {}) {
  const app = new Hono<{ Bindings: Env }>();

  app.route("/api", createApi(overrides));
  app.route("/health", createHealth(overrides));
  app.route("/openapi", openapi);
  app.route("/connect", createPowerOfficeCallback(overrides));
  app.route("/webhooks", createWebhooks(overrides));

  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { code: "http_error", message: error.message } }, error.status);
    }
    console.error(`unhandled error on ${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: { code: "internal", message: "The sync worker failed unexpectedly; see its log." } }, 500);
  });
  return app;
}

/** The app as the deployed worker serves it. */
export const app = createApp();
