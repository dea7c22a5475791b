/**
 * The worker killed mid-backfill (its workerd process disposed, not an error thrown) and started again on the same
 * persisted D1 and KV: the new process takes the sync up within a lease's time (seconds, not the minutes the dead run's
 * leases used to hold everything up for), finishes the backfill, and nothing is created twice. Real workerd (Miniflare)
 * with the real worker bundled as deployed; both simulators served over HTTP by this process, where they outlive the
 * worker as the real systems would.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { afterAll, describe, expect, it } from "vitest";
import { CRON_LEASE_TTL_MS } from "../../../worker/jobs/cron";
import { applyMigrations } from "../../sandbox/apply-migrations";
import { bundleForWorkerd } from "../../sandbox/bundle-for-workerd";
import { demoVars } from "../../sandbox/demo-config";
import { createPowerOfficeSim } from "../../sim/poweroffice/index";
import { servePowerOfficeSim } from "../../sim/poweroffice/serve";
import { createReferenceWebshop } from "../../sim/webshop/index";
import { serveReferenceWebshop } from "../../sim/webshop/serve";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const QUEUE = "poweroffice-sync-work";
const CUSTOMERS = 12;

const bundle = () => bundleForWorkerd(`${ROOT}worker/index.ts`);

/** The compatibility date the worker is deployed with. */
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(
  readFileSync(`${ROOT}wrangler.toml`, "utf8"),
)![1]!;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

describe("restart anywhere: the worker process killed mid-backfill", () => {
  const dir = mkdtempSync(join(tmpdir(), "sync-restart-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is taken up within seconds by a new process on the same state, finishes, and creates nothing twice", async () => {
    const po = createPowerOfficeSim();
    const shop = createReferenceWebshop({ apiToken: "demo-webshop-token" });
    for (let i = 0; i < CUSTOMERS; i++) {
      shop.seed.customer({
        kind: "person",
        first_name: "Kari",
        last_name: `Omstart ${i}`,
        email: `omstart${i}@shop.no`,
      });
    }
    const quiet = () => {};
    const poServer = await servePowerOfficeSim(po, 0, quiet);
    const shopServer = await serveReferenceWebshop(shop, 0, quiet);
    const vars = demoVars({ worker: 0, admin: 0, inspector: 0, poweroffice: poServer.port, webshop: shopServer.port });
    const script = await bundle();
    const logs: string[] = [];

    const start = () =>
      new Miniflare({
        modules: [{ type: "ESModule", path: `${ROOT}restart-entry.js`, contents: script }],
        compatibilityDate,
        compatibilityFlags: ["nodejs_compat"],
        d1Databases: { DB: "restart-db" },
        d1Persist: join(dir, "d1"),
        kvNamespaces: ["CACHE"],
        kvPersist: join(dir, "kv"),
        queueProducers: { SYNC_QUEUE: { queueName: QUEUE } },
        queueConsumers: { [QUEUE]: { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 5 } },
        bindings: { ...vars, CONFLICT_POLICY: "newest-wins", WORKERS_PLAN: "free" },
        host: "127.0.0.1",
        port: 0,
        handleRuntimeStdio(stdout: Readable, stderr: Readable) {
          for (const stream of [stdout, stderr]) createInterface({ input: stream }).on("line", (l) => logs.push(l));
        },
      });
    const creates = () => po.requests.filter((r) => r.method === "POST" && /\/customers$/i.test(r.path)).length;

    try {
      // First process: migrations, then a cron that starts the backfill, killed while its first create waits on
      // PowerOffice: the cron run dies holding its leases (the cron's, the feed's, the record's).
      po.faults.add({ method: "POST", path: "/Customers", kind: "latency", ms: 3_000 });
      const first = start();
      const db = await first.getD1Database("DB");
      await applyMigrations(db, `${ROOT}worker/migrations`);
      const worker = await first.getWorker();
      const cron = worker.scheduled({ cron: "* * * * *", scheduledTime: new Date() }).catch(() => undefined);
      await until("the first create", () => creates() >= 1, 30_000);
      await first.dispose();
      const killedAt = Date.now();
      await cron;
      const createsAtKill = creates();
      expect(createsAtKill).toBeLessThan(CUSTOMERS);

      // Second process on the same persisted state: the cron is tried every second until a run gets through.
      const second = start();
      try {
        const again = await second.getWorker();
        // Every cron run logs one JSON line (docs/operations.md); one that got its lease ends "ok" or "failed".
        const ran = () =>
          logs.filter((l) =>
            /"kind":"cron","correlationId":"[0-9a-f-]{36}","action":"sync","outcome":"(ok|failed)"/.test(l),
          ).length;
        const ranBefore = ran();
        let tookUp = Number.NaN;
        const allCreated = async () => {
          await again.scheduled({ cron: "* * * * *", scheduledTime: new Date() }).catch(() => undefined);
          if (Number.isNaN(tookUp) && ran() > ranBefore) tookUp = Date.now() - killedAt;
          const d1 = await second.getD1Database("DB");
          const row = await d1
            .prepare("SELECT count(*) AS n FROM links WHERE dataflow = 'customers' AND state = 'linked'")
            .first<{ n: number }>();
          return Number(row?.n ?? 0) === CUSTOMERS;
        };
        // The dead run's leases last CRON_LEASE_TTL_MS at most (seconds); the backfill itself takes a few more.
        await until("the backfill finished after the restart", allCreated, 50_000);
        expect(CRON_LEASE_TTL_MS).toBeLessThanOrEqual(30_000);
        expect(tookUp).toBeLessThanOrEqual(CRON_LEASE_TTL_MS + 3_000);

        // Nothing twice: one PowerOffice customer per shop customer, each linked once.
        const people = po.list("customers");
        expect(people).toHaveLength(CUSTOMERS);
        expect(new Set(people.map((c) => c.EmailAddress)).size).toBe(CUSTOMERS);
        const d1 = await second.getD1Database("DB");
        const links = await d1
          .prepare("SELECT count(*) AS n, count(DISTINCT poweroffice_id) AS po FROM links WHERE dataflow = 'customers'")
          .first<{ n: number; po: number }>();
        expect(links).toEqual({ n: CUSTOMERS, po: CUSTOMERS });
      } finally {
        await second.dispose();
      }
    } finally {
      await poServer.close();
      await shopServer.close();
    }
  }, 90_000);
});
