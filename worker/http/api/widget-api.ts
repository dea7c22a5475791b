/**
 * The widget API under /api (docs/widget.md): CORS for the shop admin's origins, a widget token on every request,
 * then the routes. Every answer is JSON; every refusal is `{ error: { code, message } }` (shared/api/errors.ts).
 * `createApi(overrides)` lets tests reach both systems through the in-process simulators and a fake clock.
 */
import { Hono } from "hono";
import { consoleLog, jobLine, requestCorrelationId } from "../../status/job-log";
import { checkSchema } from "../../store/schema-check";
import { buildDeps, type Deps, type DepsOverrides } from "../../wiring/build-deps";
import { readConfig } from "../../wiring/config";
import { FIRST_SYNC_NOT_STARTED, previewHold } from "../../wiring/first-sync";
import { ApiFailure, fail, failureResponse } from "./api-failure";
import { auth } from "./auth";
import { apiBodyLimit } from "./body-limit";
import { connectionRoutes } from "./connection-routes";
import type { ApiEnv } from "./context";
import { cors } from "./cors";
import { dataflowActions } from "./dataflow-actions";
import { deadLetterRoutes } from "./dead-letter-routes";
import { goLiveRoutes } from "./go-live-route";
import { linkActions } from "./link-actions";
import { previewRoutes } from "./preview-routes";
import { pushRoutes } from "./push-route";
import { recordActions } from "./record-actions";
import { recordsRoutes } from "./records-routes";
import { statusRoutes } from "./status-route";

/** What changes something: these are the admin actions, logged one line each and refused on an older schema. */
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** The actions that sync a record (write to either system): refused before the first sync has started. */
const SYNCING_ACTIONS = /^(\/api)?\/(push|records\/|links|dead-letters\/)/;

export function createApi(overrides: DepsOverrides = {}) {
  const now = overrides.now ?? (() => Date.now());
  const log = overrides.log ?? consoleLog;
  const api = new Hono<ApiEnv>();

  // First, so it also sees the refusals of every later step (docs/operations.md). The actor is not logged: a token's
  // sub may be an e-mail address; the activity log in D1 keeps who did what.
  api.use("*", async (c, next) => {
    if (!WRITE_METHODS.has(c.req.method)) return next();
    const startedMs = Date.now();
    await next();
    const status = c.res.status;
    const error = c.error instanceof ApiFailure ? c.error.code : c.error ? "internal" : undefined;
    log(
      jobLine({
        kind: "admin",
        correlationId: requestCorrelationId(c.req.raw.headers),
        action: `${c.req.method} ${c.req.path}`,
        outcome: status < 400 ? "ok" : status === 503 ? "retry" : status < 500 ? "refused" : "failed",
        startedMs,
        status,
        ...(error ? { error } : {}),
      }),
    );
  });
  api.use("*", async (c, next) => {
    // Answers carry records, statuses and token refusals: no browser or proxy may keep or replay one.
    c.header("Cache-Control", "no-store");
    const config = readConfig(c.env);
    if (!config.ok) {
      console.error(`api refused, configuration incomplete: ${config.problems.join("; ")}`);
      fail("not_configured", "The sync worker is not fully configured yet (its /health says what is missing).");
    }
    c.set("config", config.ok ? config.config : (undefined as never));
    let deps: Deps | null = null;
    c.set("deps", () => {
      deps ??= buildDeps(c.env, overrides);
      return deps;
    });
    await next();
  });
  api.use("*", cors);
  api.use("*", auth(now));
  api.use("*", apiBodyLimit);
  api.use("*", async (c, next) => {
    if (WRITE_METHODS.has(c.req.method)) {
      const schema = await checkSchema(c.var.deps().db);
      if (!schema.usable) {
        fail("not_configured", `The worker changes nothing until its database is upgraded: ${schema.problem}.`);
      }
    }
    if (WRITE_METHODS.has(c.req.method) && SYNCING_ACTIONS.test(c.req.path)) {
      const deps = c.var.deps();
      if (deps.sync.ok && (await previewHold(deps)) !== null) fail("first_sync_not_started", FIRST_SYNC_NOT_STARTED);
    }
    await next();
  });

  api.route("/", statusRoutes);
  api.route("/", connectionRoutes);
  api.route("/", previewRoutes);
  api.route("/", recordsRoutes);
  api.route("/", pushRoutes);
  api.route("/", recordActions);
  api.route("/", linkActions);
  api.route("/", dataflowActions);
  api.route("/", deadLetterRoutes);
  api.route("/", goLiveRoutes);
  api.all("*", (c) =>
    fail(
      "not_found",
      `There is no ${c.req.method} /api${c.req.path.replace(/^\/api/, "")}; see docs/widget.md for the API.`,
    ),
  );

  api.onError((error, c) => {
    if (error instanceof ApiFailure) return failureResponse(c, error);
    console.error(`unhandled error on ${c.req.method} ${c.req.path}:`, error);
    return failureResponse(c, new ApiFailure("internal", "The sync worker failed unexpectedly; see its log."));
  });
  return api;
}
