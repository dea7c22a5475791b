/**
 * The whole product inside workerd for the benchmarks: bench/workerd/entry.ts (the real worker plus a meter per
 * invocation) bundled with esbuild and run by Miniflare with real local D1, KV and a Queue whose consumer settings
 * are wrangler.toml's; both simulators served by this node process on real ports (the PowerOffice one at its real
 * 10 requests/s). Every invocation's `bench-invocation` line is collected; D1 can be queried from here.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { applyMigrations } from "../../test/sandbox/apply-migrations";
import { bundleForWorkerd } from "../../test/sandbox/bundle-for-workerd";
import { demoPorts, demoVars } from "../../test/sandbox/demo-config";
import {
  createPowerOfficeSim,
  type PowerOfficeSim,
  type PowerOfficeSimOptions,
} from "../../test/sim/poweroffice/index";
import { servePowerOfficeSim } from "../../test/sim/poweroffice/serve";
import { createReferenceWebshop, type ReferenceWebshop } from "../../test/sim/webshop/index";
import { serveReferenceWebshop } from "../../test/sim/webshop/serve";
import { INVOCATION_TAG, type InvocationReport } from "./report";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const QUEUE = "poweroffice-sync-work";

/** The settings the deployed worker runs with, read from wrangler.toml so the bench cannot drift from it. */
function wranglerSettings() {
  const toml = readFileSync(`${ROOT}wrangler.toml`, "utf8");
  const value = (key: string) => {
    const match = new RegExp(`^${key}\\s*=\\s*"?([^"\\n]+)"?`, "m").exec(toml);
    if (!match?.[1]) throw new Error(`wrangler.toml has no ${key}`);
    return match[1].trim();
  };
  return {
    compatibilityDate: value("compatibility_date"),
    maxBatchSize: Number(value("max_batch_size")),
    maxBatchTimeout: Number(value("max_batch_timeout")),
    maxRetries: Number(value("max_retries")),
  };
}

const bundle = () => bundleForWorkerd(`${ROOT}bench/workerd/entry.ts`);

export interface StackOptions {
  /** Base port for the simulators (demo-config layout); the worker gets a free port. */
  portBase: number;
  poweroffice?: PowerOfficeSimOptions;
  /** WORKERS_PLAN the worker runs with (default free). */
  plan?: "free" | "paid";
  /** "manual": the shop keeps its webhooks for the bench to send (the burst); default it sends each at once. */
  shopWebhooks?: "immediate" | "manual";
  /** Worker log lines other than invocation reports (default: dropped, kept in `logs`). */
  onLog?: (line: string) => void;
}

export interface Stack {
  sim: PowerOfficeSim;
  shop: ReferenceWebshop;
  mf: Miniflare;
  url: string;
  vars: ReturnType<typeof demoVars>;
  invocations: InvocationReport[];
  logs: string[];
  /** Fires the cron handler once and waits for it to finish. */
  runCron(): Promise<void>;
  /** Writes (not reads, not the token) either simulator has answered so far. */
  writes(): number;
  /** Links not (yet) linked. */
  unlinked(): Promise<number>;
  /**
   * Set-up, not measured: cron runs back to back (no minute between) until one writes nothing to either system and
   * every link is linked.
   */
  syncUntilQuiet(maxCrons?: number): Promise<void>;
  /**
   * Set-up, not measured: seeds `count` person customers in the shop (last name and e-mail from `label`), syncs
   * until quiet, and returns them with each one's PowerOffice partner id.
   */
  linkShopCustomers(
    count: number,
    label: string,
  ): Promise<{ customers: Array<{ id: string }>; partner: Map<string, string> }>;
  /** Resolves once no invocation has run for `quietMs` (the queue's batch timeout is 1 s). */
  idle(quietMs?: number, timeoutMs?: number): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The D1 database's size in bytes, as D1 reports it (`meta.size_after`): what counts against its size limit. */
  databaseBytes(): Promise<number>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const settings = wranglerSettings();
  const ports = demoPorts(options.portBase);
  const vars = demoVars(ports);
  const sim = createPowerOfficeSim(options.poweroffice ?? {});
  const invocations: InvocationReport[] = [];
  const logs: string[] = [];
  // Any log line of the worker or request to a simulator is activity: idle() waits for a stretch without any.
  let lastActivity = Date.now();
  const touch = () => {
    lastActivity = Date.now();
  };
  const poServer = await servePowerOfficeSim(sim, ports.poweroffice, touch);
  const onLine = (line: string) => {
    touch();
    const at = line.indexOf(INVOCATION_TAG);
    if (at >= 0) {
      invocations.push(JSON.parse(line.slice(at + INVOCATION_TAG.length + 1)) as InvocationReport);
      return;
    }
    logs.push(line);
    if (process.env.BENCH_LOG) appendFileSync(process.env.BENCH_LOG, `${line}\n`);
    options.onLog?.(line);
  };
  const read = (stream: Readable) => createInterface({ input: stream }).on("line", onLine);
  let shopServer: { close(): Promise<void> } | undefined;
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: `${ROOT}bench-entry.js`, contents: await bundle() }],
    compatibilityDate: settings.compatibilityDate,
    compatibilityFlags: ["nodejs_compat"],
    d1Databases: { DB: "bench-db" },
    kvNamespaces: ["CACHE"],
    queueProducers: { SYNC_QUEUE: { queueName: QUEUE } },
    queueConsumers: {
      [QUEUE]: {
        maxBatchSize: settings.maxBatchSize,
        maxBatchTimeout: settings.maxBatchTimeout,
        maxRetries: settings.maxRetries,
      },
    },
    bindings: { ...vars, CONFLICT_POLICY: "newest-wins", WORKERS_PLAN: options.plan ?? "free" },
    host: "127.0.0.1",
    port: 0,
    handleRuntimeStdio(stdout, stderr) {
      read(stdout);
      read(stderr);
    },
  });
  try {
    const url = (await mf.ready).origin;
    const db = await mf.getD1Database("DB");
    await applyMigrations(db, `${ROOT}worker/migrations`);
    const shop = createReferenceWebshop({
      apiToken: vars.WEBSHOP_API_TOKEN,
      webhooks: {
        url: `${url}/webhooks/webshop`,
        secret: vars.WEBSHOP_WEBHOOK_SECRET,
        mode: options.shopWebhooks ?? "immediate",
      },
    });
    shopServer = await serveReferenceWebshop(shop, ports.webshop, touch);
    const worker = await mf.getWorker();
    const stack: Stack = {
      sim,
      shop,
      mf,
      url,
      vars,
      invocations,
      logs,
      async runCron() {
        touch();
        await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date() });
        touch();
      },
      async idle(quietMs = 2_500, timeoutMs = 30 * 60_000) {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() - lastActivity < quietMs) {
          if (Date.now() > deadline) throw new Error(`the worker did not go quiet within ${timeoutMs / 1000} s`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      writes: () =>
        sim.requests.filter((r) => r.method !== "GET" && !/oauth/i.test(r.path)).length +
        shop.requests.filter((r) => r.method !== "GET").length,
      async unlinked() {
        const rows = await stack.query<{ n: number }>("SELECT count(*) AS n FROM links WHERE state <> 'linked'");
        return Number(rows[0]?.n ?? 0);
      },
      async syncUntilQuiet(maxCrons = 20) {
        for (let cron = 0; cron < maxCrons; cron++) {
          const before = stack.writes();
          await stack.runCron();
          await stack.idle();
          if (stack.writes() === before && (await stack.unlinked()) === 0) return;
        }
        throw new Error(`the sync did not go quiet in ${maxCrons} cron runs`);
      },
      async linkShopCustomers(count, label) {
        const customers = Array.from({ length: count }, (_, i) =>
          shop.seed.customer({
            kind: "person",
            first_name: "Kari",
            last_name: `${label} ${i}`,
            email: `${label.toLowerCase()}${i}@shop.no`,
          }),
        );
        process.stderr.write(`  linking ${count} shop customers first …\n`);
        await stack.syncUntilQuiet();
        const links = await stack.query<{ webshop_id: string; poweroffice_id: string }>(
          "SELECT webshop_id, poweroffice_id FROM links WHERE dataflow = 'customers' AND state = 'linked'",
        );
        const partner = new Map(links.map((l) => [l.webshop_id, l.poweroffice_id]));
        const unlinked = customers.filter((c) => !partner.has(c.id));
        if (unlinked.length > 0) throw new Error(`${unlinked.length} customers were not linked by the set-up sync`);
        return { customers, partner };
      },
      async query<T>(sql: string, ...params: unknown[]) {
        const result = await db
          .prepare(sql)
          .bind(...params)
          .all<T>();
        return result.results;
      },
      async databaseBytes() {
        const result = await db.prepare("SELECT 1").all();
        return (result.meta as { size_after?: number }).size_after ?? Number.NaN;
      },
      async stop() {
        await Promise.allSettled([mf.dispose(), poServer.close(), shopServer?.close()]);
      },
    };
    return stack;
  } catch (error) {
    await Promise.allSettled([mf.dispose(), poServer.close(), shopServer?.close()]);
    throw error;
  }
}
