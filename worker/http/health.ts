/**
 * GET /health (docs/operations.md). To anyone: `{ ok, version }`, 200 or 503, for uptime monitors. With a widget
 * token (`Authorization: Bearer <token>`, any scope, verified as /api verifies it) also the details: configuration
 * problems, storage, the D1 schema against this code's, and per dataflow its last run, backlog and lag, plus the dead
 * letters waiting for a replay. Never a secret: problems name variables, not their values.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import type { DailyLimitView } from "../../shared/api/status";
import { VERSION } from "../../shared/version";
import { classifyDailyLimit, type DailyLimit, isolateDailyLimits } from "../budgets/daily-limits";
import { type HealthDetails, readHealthDetails } from "../status/health-details";
import { readConnectionRow } from "../store/poweroffice-connection";
import { readSchemaState, type SchemaState } from "../store/schema-check";
import { LATEST_MIGRATION } from "../store/schema-version";
import type { DepsOverrides } from "../wiring/build-deps";
import { readConfig, WidgetTokenSecret } from "../wiring/config";
import { ApiFailure, failureResponse } from "./api/api-failure";
import { tokenFailure } from "./api/token-failure";
import { verifyWidgetToken } from "./api/widget-token";

interface Check {
  ok: boolean;
  problems: string[];
}

export function createHealth(overrides: Pick<DepsOverrides, "now"> = {}) {
  const now = overrides.now ?? (() => Date.now());
  return new Hono<{ Bindings: Env }>().get("/", async (c) => {
    c.header("Cache-Control", "no-store");
    const config = readConfig(c.env);
    const configCheck: Check = config.ok ? { ok: true, problems: [] } : { ok: false, problems: config.problems };
    const [schema, kv] = await Promise.all([checkD1(c.env), checkKv(c.env)]);
    const d1: Check = schema.usable ? { ok: true, problems: [] } : { ok: false, problems: [schema.problem] };
    const ok = configCheck.ok && d1.ok && kv.ok;
    // The public answer says no more than this, so the log names what is wrong for whoever reads it.
    if (!ok) console.error(`health: ${[...configCheck.problems, ...d1.problems, ...kv.problems].join("; ")}`);
    const status = ok ? 200 : 503;

    const header = c.req.header("Authorization");
    if (header === undefined) return c.json({ ok, version: VERSION }, status);
    const refused = await tokenRefusal(c, header, now());
    if (refused) return refused;

    // Cloudflare's daily allowances used up: known to this isolate, kept in D1, or named by D1's own refusal.
    const plan = config.ok ? config.config.workersPlan : "free";
    const known = isolateDailyLimits.all(now());
    const refusal = (problem: string) => {
      const limit = classifyDailyLimit(problem, { now: now(), plan });
      return limit ? dailyLimitViews([limit, ...known]) : dailyLimitViews(known);
    };
    let details: HealthDetails | { problem: string; dailyLimits: DailyLimitView[] } = {
      problem: "D1 is not usable; see storage.d1.",
      dailyLimits: refusal(schema.usable ? "" : schema.problem),
    };
    if (c.env.DB && schema.state !== "unknown") {
      details = await readHealthDetails(c.env.DB, now(), known).catch((error: unknown) => {
        const problem = `The sync's state could not be read: ${error instanceof Error ? error.message : String(error)}`;
        return { problem, dailyLimits: refusal(problem) };
      });
    }
    return c.json(
      {
        ok,
        version: VERSION,
        config: configCheck,
        storage: { d1, kv },
        schema: schemaView(schema),
        poweroffice: await powerOfficeHealth(c.env, schema),
        ...("problem" in details ? { sync: details } : details),
      },
      status,
    );
  });
}

/**
 * Whether PowerOffice is connected, and how (docs/operations.md): not being connected is no failure of the worker
 * (`ok` stays as it is), but nothing is synced until it is.
 */
async function powerOfficeHealth(env: Env, schema: SchemaState) {
  const config = readConfig(env);
  if (config.ok && config.config.poweroffice.clientKey !== null)
    return { connected: true, via: "secret", problem: null };
  let stored = false;
  if (config.ok && config.config.credentialsKey && env.DB && schema.usable) {
    stored = (await readConnectionRow(env.DB).catch(() => null)) !== null;
  }
  return stored
    ? { connected: true, via: "onboarding", problem: null }
    : {
        connected: false,
        via: null,
        problem:
          "PowerOffice is not connected: connect it in the sync widget (or set POWEROFFICE_CLIENT_KEY); nothing is synced until then.",
      };
}

function dailyLimitViews(limits: DailyLimit[]): DailyLimitView[] {
  const seen = new Map(limits.map((l) => [l.allowance, l.resetsAt]));
  return [...seen].map(([allowance, resetsAt]) => ({ allowance, resetsAt: new Date(resetsAt).toISOString() }));
}

/** A token that does not verify is answered as /api answers it (401 in words), never with the details. */
async function tokenRefusal(c: Context, header: string, nowMs: number): Promise<Response | null> {
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  if (!match) {
    return failureResponse(
      c,
      new ApiFailure("token_malformed", "The Authorization header must be Bearer <token>, with one widget token."),
    );
  }
  const secret = v.safeParse(WidgetTokenSecret, c.env.WIDGET_TOKEN_SECRET);
  if (!secret.success) {
    return failureResponse(
      c,
      new ApiFailure(
        "not_configured",
        `The details need a widget token, and the worker cannot check one: ${secret.issues[0].message}.`,
      ),
    );
  }
  const check = await verifyWidgetToken(match[1]!, secret.output, nowMs);
  return check.ok ? null : failureResponse(c, tokenFailure(check.failure));
}

function schemaView(schema: SchemaState) {
  const { usable, state, applied, expected } = schema;
  return { usable, state, applied, expected };
}

async function checkD1(env: Env): Promise<SchemaState> {
  if (!env.DB) {
    return {
      usable: false,
      state: "unknown",
      applied: null,
      expected: LATEST_MIGRATION,
      problem: 'D1 binding DB is missing: add [[d1_databases]] binding = "DB"',
    };
  }
  return readSchemaState(env.DB);
}

async function checkKv(env: Env): Promise<Check> {
  if (!env.CACHE)
    return { ok: false, problems: ['KV binding CACHE is missing: add [[kv_namespaces]] binding = "CACHE"'] };
  try {
    await env.CACHE.get("health-probe");
    return { ok: true, problems: [] };
  } catch (error) {
    return { ok: false, problems: [`KV is not usable: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
