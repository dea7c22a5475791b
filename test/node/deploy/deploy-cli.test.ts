/**
 * `npm run deploy` end to end (its command, `node --import tsx .ci/deploy/cli.ts`, in a copy of the tracked files)
 * against a fake `wrangler` executable first on PATH: a real process that records its arguments and answers with
 * wrangler 4.86's recorded outputs (recordings.ts). The deployed worker's /health is a local server.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Output } from "../../../.ci/deploy/wrangler-facts";
import { copyTrackedFiles } from "../repo/fresh-copy";
import * as r from "./recordings";

const scratch = mkdtempSync(join(tmpdir(), "deploy-cli-"));
const project = join(scratch, "project");
const bin = join(scratch, "bin");
const log = join(scratch, "wrangler-calls.jsonl");
const scenarioFile = join(scratch, "scenario.json");

const WORKER = "poweroffice-webshop-sync-staging";
const WORK = "poweroffice-sync-work-staging";
const DEAD = "poweroffice-sync-dead-staging";
const DB = "poweroffice-sync-staging";
const MIGRATIONS = execFileSync("ls", ["worker/migrations"], { encoding: "utf8" }).trim().split("\n");
const GENERATED = ".wrangler/deploy/wrangler.staging.json";
const CONFIG = `--config ${GENERATED} --env staging`;

const WIDGET_SECRET = "e".repeat(64);
const SHOP_TOKEN = "shop-token-do-not-print-7f3a";
const SECRETS = [
  "POWEROFFICE_APPLICATION_KEY=6f1d2c3b-4a5e-4f60-9a7b-8c9d0e1f2a3b",
  "POWEROFFICE_CLIENT_KEY=client-key-do-not-print-91b2",
  "POWEROFFICE_SUBSCRIPTION_KEY=subscription-key-do-not-print-c4d5",
  "WEBSHOP_BASE_URL=https://shop.fjordbris.no/api/sync",
  `WEBSHOP_API_TOKEN=${SHOP_TOKEN}`,
  `WEBSHOP_WEBHOOK_SECRET=whsec_${Buffer.alloc(32, 9).toString("base64")}`,
  `WIDGET_TOKEN_SECRET=${WIDGET_SECRET}`,
  "ADMIN_ORIGINS=https://admin.fjordbris.no",
  "WORKERS_PLAN=free",
].join("\n");

/** The fake: answers the first rule whose `when` starts its arguments; records every call (and the secrets file). */
const FAKE = `#!/usr/bin/env node
const fs = require("node:fs");
const argv = process.argv.slice(2);
const call = { argv, account: process.env.CLOUDFLARE_ACCOUNT_ID || null };
const at = argv.indexOf("--secrets-file");
if (at >= 0) {
  call.secrets = JSON.parse(fs.readFileSync(argv[at + 1], "utf8"));
  call.secretsMode = (fs.statSync(argv[at + 1]).mode & 0o777).toString(8);
}
fs.appendFileSync(process.env.FAKE_WRANGLER_LOG, JSON.stringify(call) + "\\n");
const key = argv.join(" ");
const rule = JSON.parse(fs.readFileSync(process.env.FAKE_WRANGLER_SCENARIO, "utf8")).find((r) => key.startsWith(r.when));
if (!rule) { process.stderr.write("fake wrangler: no recorded answer for: " + key + "\\n"); process.exit(99); }
process.stdout.write(rule.stdout);
process.stderr.write(rule.stderr);
process.exit(rule.code);
`;

let server: Server;
let healthUrl = "";
let healthAnswer: { status: number; body: unknown } = { status: 200, body: {} };
const healthAuth: string[] = [];

beforeAll(async () => {
  copyTrackedFiles(project);
  mkdirSync(bin);
  writeFileSync(join(bin, "wrangler"), FAKE);
  chmodSync(join(bin, "wrangler"), 0o755);
  server = createServer((req, res) => {
    healthAuth.push(req.headers.authorization ?? "");
    res.writeHead(req.url === "/health" ? healthAnswer.status : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(healthAnswer.body));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

type Rule = Output & { when: string };
const rule = (when: string, output: Output): Rule => ({ when, ...output });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  calls: { argv: string[]; account: string | null; secrets?: Record<string, string>; secretsMode?: string }[];
}

async function deploy(args: string[], rules: Rule[], secrets: string | null = SECRETS): Promise<Run> {
  writeFileSync(scenarioFile, JSON.stringify(rules));
  rmSync(log, { force: true });
  rmSync(join(project, ".wrangler"), { recursive: true, force: true });
  const secretsFile = join(scratch, "secrets.staging.env");
  rmSync(secretsFile, { force: true });
  if (secrets !== null) writeFileSync(secretsFile, secrets);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    HOME: scratch,
    FAKE_WRANGLER_LOG: log,
    FAKE_WRANGLER_SCENARIO: scenarioFile,
  };
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  const child = spawn(process.execPath, ["--import", "tsx", ".ci/deploy/cli.ts", ...args, "--secrets", secretsFile], {
    cwd: project,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number>((ok) => child.on("close", (c) => ok(c ?? 1)));
  const calls = existsSync(log)
    ? readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
    : [];
  return { code, stdout, stderr, calls };
}

const commands = (run: Run) => run.calls.map((c) => c.argv.join(" "));
const healthy = { status: 200, body: { ok: true, version: "0.1.0", config: { ok: true, problems: [] } } };

const emptyAccount: Rule[] = [
  rule("whoami --json", r.whoamiLoggedIn()),
  rule("queues list", r.queuesList([{ name: "someone-elses-queue" }])),
  rule("d1 list --json", r.d1List([{ name: "someone-elses-db", uuid: "0b0b0b0b-0000-4000-8000-000000000000" }])),
  rule(`queues create ${WORK}`, r.queueCreated(WORK)),
  rule(`queues create ${DEAD}`, r.queueCreated(DEAD)),
  rule(`d1 create ${DB}`, r.d1Created(DB)),
  rule("d1 migrations apply DB --remote", r.migrationsApplied(MIGRATIONS)),
];
const fullAccount = (): Rule[] => [
  rule("whoami --json", r.whoamiLoggedIn()),
  rule("queues list", r.queuesList([{ name: "poweroffice-sync-work" }, { name: WORK }, { name: DEAD }])),
  rule("d1 list --json", r.d1List([{ name: DB, uuid: r.DATABASE_ID }])),
  rule("d1 migrations list DB --remote", r.migrationsNone),
  rule("deploy", r.deployed(WORKER, healthUrl, [WORK, DEAD])),
];

describe("npm run deploy", () => {
  it("runs exactly the package.json script this test runs", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.scripts.deploy).toBe("node --import tsx .ci/deploy/cli.ts");
  });

  it("on an empty account: creates the queues and the database, migrates, deploys with the secrets, checks /health", async () => {
    healthAnswer = healthy;
    healthAuth.length = 0;
    const run = await deploy(
      ["--env", "staging", "--yes"],
      [...emptyAccount, rule("deploy", r.deployed(WORKER, healthUrl, [WORK, DEAD]))],
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual([
      "whoami --json",
      "queues list",
      "d1 list --json",
      `queues create ${WORK}`,
      `queues create ${DEAD}`,
      `d1 create ${DB}`,
      `d1 migrations apply DB --remote ${CONFIG}`,
      `deploy ${CONFIG} --secrets-file .wrangler/deploy/secrets.staging.json`,
    ]);
    // Every command after whoami goes to the one account the login has.
    expect(run.calls.slice(1).every((c) => c.account === r.ACCOUNT.id)).toBe(true);
    // The secrets went up with the deploy, readable only by the user, and the file is gone afterwards.
    const upload = run.calls.at(-1)!;
    expect(Object.keys(upload.secrets!).sort()).toEqual([
      "POWEROFFICE_APPLICATION_KEY",
      "POWEROFFICE_CLIENT_KEY",
      "POWEROFFICE_SUBSCRIPTION_KEY",
      "WEBSHOP_API_TOKEN",
      "WEBSHOP_BASE_URL",
      "WEBSHOP_WEBHOOK_SECRET",
      "WIDGET_TOKEN_SECRET",
    ]);
    expect(upload.secrets!.WEBSHOP_API_TOKEN).toBe(SHOP_TOKEN);
    expect(upload.secretsMode).toBe("600");
    expect(existsSync(join(project, ".wrangler/deploy/secrets.staging.json"))).toBe(false);
    // The generated config carries the new database's id and the file's ADMIN_ORIGINS; wrangler.toml does not.
    const generated = JSON.parse(readFileSync(join(project, GENERATED), "utf8"));
    expect(generated.env.staging.d1_databases[0].database_id).toBe(r.DATABASE_ID);
    expect(generated.env.staging.vars.ADMIN_ORIGINS).toBe("https://admin.fjordbris.no");
    expect(readFileSync(join(project, "wrangler.toml"), "utf8")).not.toContain(r.DATABASE_ID);
    // /health was asked with a widget token; what the shop needs is printed; no secret value is.
    expect(healthAuth[0]).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.stdout).toContain(
      `Webhook URL (your shop signs its webhooks to it with WEBSHOP_WEBHOOK_SECRET): ${healthUrl}/webhooks/webshop`,
    );
    expect(run.stdout).toContain(`<script type="module" src="${healthUrl}/widget.js"></script>`);
    expect(run.stdout).toContain(`${healthUrl}/openapi/webshop.json`);
    expect(run.stdout).toContain("/health: ok, version 0.1.0.");
    for (const line of SECRETS.split("\n")) {
      const value = line.slice(line.indexOf("=") + 1);
      if (!value.startsWith("https://") && value !== "free") expect(run.stdout).not.toContain(value);
    }
  }, 90_000);

  it("on an account that has everything: no creates, no migrations; what /health still lacks is printed", async () => {
    healthAnswer = {
      status: 503,
      body: { ok: false, version: "0.1.0", config: { ok: false, problems: ["WEBSHOP_BASE_URL does not answer"] } },
    };
    const run = await deploy(["--env", "staging", "--yes"], fullAccount());
    expect(commands(run)).toEqual([
      "whoami --json",
      "queues list",
      "d1 list --json",
      `d1 migrations list DB --remote ${CONFIG}`,
      `deploy ${CONFIG} --secrets-file .wrangler/deploy/secrets.staging.json`,
    ]);
    expect(run.stdout).toContain("The plan (3 steps)");
    expect(run.stdout).toContain(
      "/health: not ok yet (version 0.1.0). Still to fix:\n  - WEBSHOP_BASE_URL does not answer",
    );
    expect(run.code).toBe(1);
  }, 90_000);

  it("--dry-run on an account that has everything: a short plan, and only questions were asked", async () => {
    const run = await deploy(["--env", "staging", "--dry-run"], fullAccount());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The plan (3 steps)");
    expect(run.stdout).toContain("Dry run: nothing was changed.");
    expect(commands(run).every((c) => /^(whoami|queues list|d1 list|d1 migrations list)/.test(c))).toBe(true);
  }, 90_000);

  it("--dry-run without a login: the complete plan for an empty account, exit 0", async () => {
    const run = await deploy(["--env", "staging", "--dry-run"], [rule("whoami --json", r.whoamiLoggedOut)]);
    expect(run.code).toBe(0);
    expect(commands(run)).toEqual(["whoami --json"]);
    expect(run.stdout).toContain("The plan (7 steps)");
    for (const step of [
      `wrangler queues create ${WORK}`,
      `wrangler queues create ${DEAD}`,
      `wrangler d1 create ${DB}`,
      `wrangler d1 migrations apply DB --remote ${CONFIG}`,
      `wrangler deploy ${CONFIG} --secrets-file .wrangler/deploy/secrets.staging.json`,
    ]) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).toContain("this plan assumes an empty account");
  }, 90_000);

  it("not logged in: says how to log in and changes nothing", async () => {
    const run = await deploy(["--env", "staging", "--yes"], [rule("whoami --json", r.whoamiLoggedOut)]);
    expect(run.code).toBe(1);
    expect(commands(run)).toEqual(["whoami --json"]);
    expect(run.stderr).toContain("You are not logged in to Cloudflare.");
    expect(run.stderr).toContain("npx wrangler login");
  }, 90_000);

  it("a bad secrets file: refused with one sentence per problem, before wrangler is run at all", async () => {
    const bad = SECRETS.replace(/WIDGET_TOKEN_SECRET=.*/, "WIDGET_TOKEN_SECRET=short").replace(
      /WEBSHOP_BASE_URL=.*/,
      "WEBSHOP_BASE_URL=shop.fjordbris.no",
    );
    const run = await deploy(["--env", "staging", "--yes"], fullAccount(), bad);
    expect(run.code).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.stderr).toContain(
      "  - WEBSHOP_BASE_URL is not a URL: it should look like https://shop.example.no/api/sync.\n  - WIDGET_TOKEN_SECRET is too short: use at least 32 random characters (openssl rand -hex 32).",
    );
    expect(run.stderr).toContain("nothing was deployed and nothing on your account was changed");
  }, 90_000);

  it("a wrangler step that fails stops there with wrangler's message and what to do; nothing after it runs", async () => {
    const rules = emptyAccount.map((x) => (x.when === `queues create ${DEAD}` ? rule(x.when, r.queueCreateFailed) : x));
    const run = await deploy(["--env", "staging", "--yes"], rules);
    expect(run.code).toBe(1);
    expect(commands(run).at(-1)).toBe(`queues create ${DEAD}`);
    expect(commands(run).some((c) => c.startsWith("d1 create") || c.startsWith("deploy"))).toBe(false);
    expect(run.stderr).toContain("You have reached the maximum number of queues for your account [code: 11009]");
    expect(run.stderr).toContain("No step after it ran. Fix what wrangler says, then run `npm run deploy` again");
  }, 90_000);

  it("without --yes and without a terminal to ask on: changes nothing", async () => {
    const run = await deploy(["--env", "staging"], fullAccount());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("add --yes");
    expect(commands(run).some((c) => c.startsWith("deploy"))).toBe(false);
  }, 90_000);
});
