/**
 * The kit as a shop gets it: `npm pack`ed, installed into an empty project with each example's dependencies (offline,
 * from the npm cache), each example started as its own process, and the conformance kit run against it over HTTP.
 * Every rule must pass, and the changes it made must reach a webhook endpoint, signed with both secrets of a rotation.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../conformance/rules";
import { runConformance } from "../../conformance/runner";
import type { ConformanceReport } from "../../conformance/types";
import { type PostgresServer, startPostgres } from "../../webshop-kit/postgres-server";
import { startExample } from "./example-process";
import { buildAndPackKit, installOffline, type PackedKit } from "./offline-project";
import { ownTablesShop } from "./own-tables";
import { type Delivery, signedWith, startWebhookReceiver } from "./webhook-receiver";
import { startWorkersExample } from "./workers-example";

const ROOT = join(import.meta.dirname, "../../..");
const KIT_DIR = join(ROOT, "webshop-kit");
const TOKEN = "example-shop-token";
const NEW_SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const OLD_SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const EVENT_TYPE = /^(customer|product|order)\.(created|updated|deleted)$/;
/** What a TypeScript shop has installed beside the examples' dependencies, to check them as its editor would. */
const TYPES = ["@types/node", "@types/express", "@types/pg"];
const EXAMPLES = ["hono", "express"];
const EXAMPLES_TSCONFIG = {
  compilerOptions: {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    typeRoots: ["./express/node_modules/@types"],
    types: ["node"],
    skipLibCheck: true,
  },
  include: [...EXAMPLES.map((example) => `${example}/*.js`), "express/own-tables/*.js", "workers/src/*.js"],
};
const run = promisify(execFile);

let work: string;
const installed = new Map<string, string>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "webshop-kit-pack-"));
  const kit = await buildAndPackKit(KIT_DIR, work);
  await Promise.all(
    [...EXAMPLES, "workers"].map(async (example) => installed.set(example, await installExample(example, kit))),
  );
  // The guide's worked adapter for a shop's own table runs in the Express project (it has pg and the kit).
  await cp(join(KIT_DIR, "examples/own-tables"), join(installed.get("express")!, "own-tables"), { recursive: true });
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

it("every example type-checks strictly against the types the packed kit ships, as a TypeScript editor checks them", async () => {
  // One tsc run for both (each file resolves packages from its own project's node_modules); node's types from one.
  await writeFile(join(work, "tsconfig.json"), JSON.stringify(EXAMPLES_TSCONFIG));
  const tsc = await run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", work], {
    cwd: work,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
  expect(tsc.stdout).toBe("");
}, 60_000);

describe.each(EXAMPLES)("examples/%s, installed from the packed kit into an empty project", (example) => {
  const dir = () => installed.get(example)!;

  it("refuses to start without WEBSHOP_API_TOKEN, with a sentence that names it", async () => {
    const start = startExample(dir(), { PORT: "0" }, 10_000);
    await expect(start).rejects.toThrow(/exited with 1[\s\S]*WEBSHOP_API_TOKEN is not set: set it in the environment/);
  });

  it("serves the whole contract under /api (every conformance rule passes) and delivers signed webhooks", async () => {
    await expectServesContract(dir(), {});
  }, 90_000);
});

describe("examples/workers on workerd with a real local D1 (Miniflare)", () => {
  it("serves the whole contract under /api and delivers signed webhooks after writes and from its cron", async () => {
    const receiver = await startWebhookReceiver();
    const worker = await startWorkersExample(installed.get("workers")!, {
      WEBSHOP_API_TOKEN: TOKEN,
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: `${NEW_SECRET} ${OLD_SECRET}`,
    });
    try {
      expect((await worker.fetch(new Request("https://my-shop.example/"))).status).toBe(404);
      const report = await runConformance({
        baseUrl: "https://my-shop.example/api",
        token: TOKEN,
        fetch: (request) => worker.fetch(request),
      });
      expect(failures(report)).toEqual([]);
      expect(report.cleanup.kind).toBe("deleted");
      // waitUntil sends ten events after each write; the cron trigger sends what is left (ten a round).
      await expect
        .poll(
          async () => {
            await worker.cron();
            return eventTypes(receiver.deliveries);
          },
          { timeout: 30_000, interval: 10 },
        )
        .toContain("order.deleted");
      expectSignedEvents(receiver.deliveries);
    } finally {
      await worker.stop();
      await receiver.close();
    }
  }, 120_000);
});

describe("on a real PostgreSQL server this test starts", () => {
  let server: PostgresServer | undefined;
  let migration: string;
  beforeAll(async () => {
    server = await startPostgres();
    migration = await readFile(join(KIT_DIR, "migrations/postgres/0001_webshop_kit.sql"), "utf8");
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("examples/express with DATABASE_URL serves the whole contract and delivers signed webhooks", async () => {
    const { host, port, user, database } = server!.connection;
    const pool = new pg.Pool({ host, port, user, database, max: 1 });
    await pool.query(migration).finally(() => pool.end());
    const url = `postgresql://${user}@localhost:${port}/${database}?host=${encodeURIComponent(host)}`;
    await expectServesContract(installed.get("express")!, { DATABASE_URL: url }, "storage: PostgreSQL");
  }, 120_000);

  it("the guide's own-tables adapter keeps customers in the shop's table and passes every conformance rule", async () => {
    const shop = await ownTablesShop(installed.get("express")!, server!.connection, migration, TOKEN);
    try {
      const report = await runConformance({
        baseUrl: "https://shop.example/api",
        token: TOKEN,
        fetch: (request) => shop.api.fetch(request),
      });
      expect(failures(report)).toEqual([]);

      const call = (path: string, init: RequestInit = {}) =>
        shop.api.fetch(
          new Request(`https://shop.example/api${path}`, {
            ...init,
            headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...init.headers },
          }),
        );
      // The customer from before the kit, found by its email and its organisation number as the worker looks.
      const before = (await (await call("/customers?email=ola%40example.no&organization_number=915550002")).json()) as {
        data: Record<string, unknown>[];
      };
      expect(before.data).toEqual([
        expect.objectContaining({
          id: "cus_1",
          version: 1,
          kind: "person",
          name: "Ola Nordmann",
          email: "Ola@Example.no ",
          organization_number: "915 550 002",
          updated_at: "2026-01-02T03:04:05.678Z",
          external_ids: {},
          active: true,
        }),
      ]);
      // A customer created through the kit is a row of the shop's table, with its event in the kit's outbox.
      const created = await call("/customers", {
        method: "POST",
        headers: { "idempotency-key": "own-tables-1" },
        body: JSON.stringify({ kind: "company", name: "Fjordbygg AS", email: "post@fjordbygg.no" }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const row = await shop.pool.query("SELECT mail, company, version FROM customers WHERE 'cus_' || cust_no = $1", [
        id,
      ]);
      expect(row.rows).toEqual([{ mail: "post@fjordbygg.no", company: "Fjordbygg AS", version: 1 }]);
      const events = await shop.pool.query("SELECT kind FROM webshop_kit_outbox WHERE record_id = $1", [id]);
      expect(events.rows).toEqual([{ kind: "created" }]);
    } finally {
      await shop.pool.end();
    }
  }, 120_000);
});

/**
 * Starts the example with a webhook endpoint and two secrets (a rotation), runs every conformance rule against it,
 * then checks that its changes reached the endpoint: every kind of every resource, each event signed with both.
 */
async function expectServesContract(dir: string, env: Record<string, string>, storage = "storage: in memory") {
  const receiver = await startWebhookReceiver();
  const shop = await startExample(dir, {
    PORT: "0",
    WEBSHOP_API_TOKEN: TOKEN,
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: `${NEW_SECRET} ${OLD_SECRET}`,
    WEBHOOK_INTERVAL_MS: "100",
    ...env,
  });
  try {
    expect(shop.output()).toContain(storage);
    const report = await runConformance({ baseUrl: shop.apiUrl, token: TOKEN, fetch: (request) => fetch(request) });
    expect(failures(report), shop.output()).toEqual([]);
    expect(report.results).toHaveLength(RULES.length);
    expect(report.cleanup.kind).toBe("deleted");

    await expect.poll(() => eventTypes(receiver.deliveries), { timeout: 10_000 }).toContain("order.deleted");
    expectSignedEvents(receiver.deliveries);
  } finally {
    await shop.stop();
    await receiver.close();
  }
}

/** Every kind of change of every resource arrived, each event once, signed with both secrets of the rotation. */
function expectSignedEvents(deliveries: Delivery[]) {
  const types = eventTypes(deliveries);
  expect(new Set(types.map((type) => type.split(".")[0]))).toEqual(new Set(["customer", "product", "order"]));
  expect(new Set(types.map((type) => type.split(".")[1]))).toEqual(new Set(["created", "updated", "deleted"]));
  for (const delivery of deliveries) {
    expect(signedWith(delivery, NEW_SECRET) && signedWith(delivery, OLD_SECRET), delivery.body).toBe(true);
    const event = JSON.parse(delivery.body) as { type: string; data: { id: unknown; version: unknown } };
    expect(event.type).toMatch(EVENT_TYPE);
    expect(event.data).toMatchObject({ id: expect.any(String), version: expect.any(Number) });
  }
  expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
}

async function installExample(example: string, kit: PackedKit): Promise<string> {
  const dir = join(work, example);
  await mkdir(dir);
  const source = join(KIT_DIR, "examples", example);
  await cp(source, dir, { recursive: true, filter: (path) => !path.includes("node_modules") });
  const manifest = JSON.parse(await readFile(join(source, "package.json"), "utf8"));
  await installOffline(dir, manifest, kit, join(ROOT, "package-lock.json"), TYPES);
  return dir;
}

function failures(report: ConformanceReport) {
  return report.results.filter((result) => result.outcome === "fail");
}

function eventTypes(deliveries: { body: string }[]): string[] {
  return deliveries.map((delivery) => (JSON.parse(delivery.body) as { type: string }).type);
}
