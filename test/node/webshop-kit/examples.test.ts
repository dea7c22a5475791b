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
import { signedWith, startWebhookReceiver } from "./webhook-receiver";

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
  include: EXAMPLES.map((example) => `${example}/*.js`),
};
const run = promisify(execFile);

let work: string;
const installed = new Map<string, string>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "webshop-kit-pack-"));
  const kit = await buildAndPackKit(KIT_DIR, work);
  await Promise.all(EXAMPLES.map(async (example) => installed.set(example, await installExample(example, kit))));
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

it("both examples type-check strictly against the types the packed kit ships, as a TypeScript editor checks them", async () => {
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

describe("examples/express on PostgreSQL (DATABASE_URL), on a real server this test starts", () => {
  let server: PostgresServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the whole contract under /api (every conformance rule passes) and delivers signed webhooks", async () => {
    server = await startPostgres();
    const { host, port, user, database } = server.connection;
    const pool = new pg.Pool({ host, port, user, database, max: 1 });
    try {
      await pool.query(await readFile(join(KIT_DIR, "migrations/postgres/0001_webshop_kit.sql"), "utf8"));
    } finally {
      await pool.end();
    }
    const url = `postgresql://${user}@localhost:${port}/${database}?host=${encodeURIComponent(host)}`;
    await expectServesContract(installed.get("express")!, { DATABASE_URL: url }, "storage: PostgreSQL");
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
    const types = eventTypes(receiver.deliveries);
    expect(new Set(types.map((type) => type.split(".")[0]))).toEqual(new Set(["customer", "product", "order"]));
    expect(new Set(types.map((type) => type.split(".")[1]))).toEqual(new Set(["created", "updated", "deleted"]));
    for (const delivery of receiver.deliveries) {
      expect(signedWith(delivery, NEW_SECRET) && signedWith(delivery, OLD_SECRET), delivery.body).toBe(true);
      const event = JSON.parse(delivery.body) as { type: string; data: { id: unknown; version: unknown } };
      expect(event.type).toMatch(EVENT_TYPE);
      expect(event.data).toMatchObject({ id: expect.any(String), version: expect.any(Number) });
    }
    expect(new Set(receiver.deliveries.map((d) => d.id)).size).toBe(receiver.deliveries.length);
  } finally {
    await shop.stop();
    await receiver.close();
  }
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
