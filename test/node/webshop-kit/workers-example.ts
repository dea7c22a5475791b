/**
 * The Workers example (examples/workers) as Cloudflare runs it: bundled from its installed project (the packed kit
 * in node_modules) and served by workerd through Miniflare with a real local D1 database, its migration applied from
 * the package as `wrangler d1 migrations apply` would. Its fetch and scheduled handlers are called as the platform
 * calls them.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

export interface RunningWorker {
  /** The Worker's fetch, for the conformance kit: every request goes through workerd. */
  fetch(request: Request): Promise<Response>;
  /** Runs the cron trigger once and waits for what it left in waitUntil. */
  cron(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkersExample(
  project: string,
  vars: { WEBSHOP_API_TOKEN: string; WEBHOOK_URL: string; WEBHOOK_SECRET: string },
): Promise<RunningWorker> {
  const bundle = await build({
    entryPoints: [join(project, "src/index.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    write: false,
    logLevel: "silent",
  });
  const wrangler = await readFile(join(project, "wrangler.toml"), "utf8");
  const compatibilityDate = /compatibility_date = "([\d-]+)"/.exec(wrangler)?.[1];
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate,
    d1Databases: { DB: "shop" },
    bindings: vars,
  });
  const db = await mf.getD1Database("DB");
  const migration = await readFile(
    join(project, "node_modules/@poweroffice-sync/webshop-kit/migrations/d1/0001_webshop_kit.sql"),
    "utf8",
  );
  await db.batch(statements(migration).map((sql) => db.prepare(sql)));
  return {
    async fetch(request) {
      const sent = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
      const answer = await mf.dispatchFetch(request.url, {
        method: request.method,
        headers: [...request.headers],
        body: sent,
      });
      const bytes = await answer.arrayBuffer();
      const body = [101, 204, 205, 304].includes(answer.status) ? null : bytes;
      return new Response(body, { status: answer.status, headers: [...answer.headers] });
    },
    async cron() {
      const worker = await mf.getWorker();
      await worker.scheduled({ cron: "* * * * *" });
    },
    stop: () => mf.dispose(),
  };
}

/** The migration's statements, without its comments (D1's batch takes one statement per prepare). */
function statements(sql: string): string[] {
  return sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);
}
