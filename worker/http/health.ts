/** GET /health: the worker's version and whether configuration and storage are usable, without revealing secrets. */
import { Hono } from "hono";
import { VERSION } from "../../shared/version";
import { LATEST_MIGRATION } from "../store/schema-version";
import { readConfig } from "../wiring/config";

interface Check {
  ok: boolean;
  problems: string[];
}

export const health = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  const config = readConfig(c.env);
  const [d1, kv] = await Promise.all([checkD1(c.env), checkKv(c.env)]);
  const configCheck: Check = config.ok ? { ok: true, problems: [] } : { ok: false, problems: config.problems };
  const ok = configCheck.ok && d1.ok && kv.ok;
  if (!configCheck.ok) console.error(`health: configuration problems: ${configCheck.problems.join("; ")}`);
  return c.json({ ok, version: VERSION, config: configCheck, storage: { d1, kv } }, ok ? 200 : 503);
});

async function checkD1(env: Env): Promise<Check> {
  if (!env.DB) return { ok: false, problems: ['D1 binding DB is missing: add [[d1_databases]] binding = "DB"'] };
  try {
    const row = await env.DB.prepare("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1").first<{
      name: string;
    }>();
    if (row?.name !== LATEST_MIGRATION) {
      return {
        ok: false,
        problems: [
          `D1 schema is at ${row?.name ?? "no migration"}, expected ${LATEST_MIGRATION}: run wrangler d1 migrations apply DB`,
        ],
      };
    }
    return { ok: true, problems: [] };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/no such table: d1_migrations/.test(text)) {
      return { ok: false, problems: ["D1 has no migrations applied: run wrangler d1 migrations apply DB"] };
    }
    return { ok: false, problems: [`D1 is not usable: ${text}`] };
  }
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
