/**
 * Runs the real wrangler: first the read-only questions whose answers are the planner's facts, then the plan's steps
 * in order. A step that fails stops everything after it, with wrangler's own message and what to do.
 * wrangler is found on PATH with the project's node_modules/.bin last (`npm run` puts it first), its output is
 * piped (so wrangler never stops to ask; this tool asks instead), and it runs in the project's folder.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { generatedConfig } from "./generated-config";
import { checkHealth, type Health } from "./health";
import type { Account, Facts, Plan, Step } from "./plan";
import type { SecretsCheck } from "./secrets-file";
import type { Project } from "./target";
import {
  isNotLoggedIn,
  type Output,
  readCreatedDatabaseId,
  readDatabases,
  readDeployedUrl,
  readPendingMigrations,
  readQueues,
  readWhoami,
  wranglerError,
} from "./wrangler-facts";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class Wrangler {
  private accountId: string | undefined;

  constructor(
    private readonly root: string,
    private readonly io: Io,
  ) {}

  /** A path of the project. */
  path(relative: string): string {
    return join(this.root, relative);
  }

  /** Every later command goes to this account (wrangler would otherwise stop to ask when a login has several). */
  useAccount(id: string) {
    this.accountId = id;
  }

  run(args: string[], echo = false): Promise<Output> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [process.env.PATH, join(this.root, "node_modules", ".bin")].filter(Boolean).join(delimiter),
      ...(this.accountId ? { CLOUDFLARE_ACCOUNT_ID: this.accountId } : {}),
    };
    return new Promise((resolve) => {
      const child = spawn("wrangler", args, { cwd: this.root, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        if (echo) this.io.out(String(chunk));
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
        if (echo) this.io.err(String(chunk));
      });
      child.on("error", (error) => resolve({ stdout, stderr: `${stderr}\n✘ [ERROR] ${error.message}`, code: 127 }));
      child.on("close", (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    });
  }
}

/** A question wrangler could not answer: the deploy stops before changing anything. */
export class CannotAsk extends Error {}

const must = <T>(read: { ok: true; value: T } | { ok: false; problem: string }, what: string): T => {
  if (!read.ok) throw new CannotAsk(`Could not ${what}: ${read.problem}`);
  return read.value;
};

/** Asks the account what exists. Read-only, except for writing the generated config the migrations question needs. */
export async function gatherFacts(
  project: Project,
  secrets: SecretsCheck,
  dryRun: boolean,
  wrangler: Wrangler,
): Promise<Facts> {
  const { target } = project;
  const facts: Facts = { target, dryRun, secrets, account: { kind: dryRun ? "unknown" : "logged-out" } };
  if (!secrets.ok) return facts;

  const who = must(readWhoami(await wrangler.run(["whoami", "--json"])), "ask Cloudflare who you are");
  if (!who.loggedIn) return facts;
  facts.account = chooseAccount(who.accounts, process.env.CLOUDFLARE_ACCOUNT_ID);
  if (facts.account.kind !== "ok") return facts;
  wrangler.useAccount(facts.account.id);

  facts.existingQueues = must(readQueues(await wrangler.run(["queues", "list"])), "list your queues");
  const databases = must(readDatabases(await wrangler.run(["d1", "list", "--json"])), "list your D1 databases");
  facts.databaseId = databases.find((db) => db.name === target.database.name)?.id ?? null;
  if (facts.databaseId) {
    writeGeneratedConfig(wrangler, project, facts.databaseId, secrets);
    const env = target.env ? ["--env", target.env] : [];
    const listed = await wrangler.run([
      "d1",
      "migrations",
      "list",
      target.database.binding,
      "--remote",
      "--config",
      target.generatedConfig,
      ...env,
    ]);
    facts.pendingMigrations = must(readPendingMigrations(listed), `list the migrations ${target.database.name} lacks`);
  }
  return facts;
}

function chooseAccount(accounts: { id: string; name: string }[], wanted: string | undefined): Account {
  if (wanted) {
    const found = accounts.find((a) => a.id === wanted);
    return { kind: "ok", id: wanted, name: found?.name ?? wanted };
  }
  if (accounts.length === 1) return { kind: "ok", id: accounts[0]!.id, name: accounts[0]!.name };
  if (accounts.length === 0) throw new CannotAsk("Your Cloudflare login has no account to deploy to.");
  return { kind: "choose", accounts };
}

function writeGeneratedConfig(wrangler: Wrangler, project: Project, databaseId: string, secrets: SecretsCheck) {
  const { target } = project;
  const config = generatedConfig(project.raw, {
    ...(target.env ? { env: target.env } : {}),
    binding: target.database.binding,
    databaseId,
    vars: secrets.ok ? secrets.vars : {},
    folder: dirname(target.generatedConfig),
  });
  const path = wrangler.path(target.generatedConfig);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}

export type Outcome =
  | { ok: true; url: string | null; health: Health | null }
  | { ok: false; step: Step; problem: string; next: string };

/** Takes the steps in order; the first that fails ends the run. */
export async function executePlan(
  plan: Extract<Plan, { ok: true }>,
  facts: Facts,
  project: Project,
  wrangler: Wrangler,
  io: Io,
  healthOptions?: { attempts?: number; delayMs?: number },
): Promise<Outcome> {
  const { target } = project;
  const secrets = facts.secrets;
  if (!secrets.ok) throw new Error("executePlan needs a checked secrets file");
  let databaseId = facts.account.kind === "ok" ? (facts.databaseId ?? null) : null;
  let url: string | null = null;
  let health: Health | null = null;

  for (const [index, step] of plan.steps.entries()) {
    io.out(`\n[${index + 1}/${plan.steps.length}] ${step.why}\n`);
    if (step.wrangler) io.out(`$ wrangler ${step.wrangler.join(" ")}\n`);
    const failed = (problem: string, output?: Output): Outcome => ({
      ok: false,
      step,
      problem,
      next:
        output && isNotLoggedIn(output)
          ? "Log in with `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then run `npm run deploy` again."
          : "Fix what wrangler says, then run `npm run deploy` again: the steps already done are found done and skipped.",
    });

    switch (step.kind) {
      case "create-queue":
      case "migrate": {
        const output = await wrangler.run(step.wrangler!, true);
        if (output.code !== 0) return failed(wranglerError(output), output);
        break;
      }
      case "create-database": {
        const output = await wrangler.run(step.wrangler!, true);
        const id = readCreatedDatabaseId(output);
        if (!id.ok) return failed(id.problem, output);
        databaseId = id.value;
        break;
      }
      case "write-config": {
        if (!databaseId) return failed("the D1 database's id is not known");
        writeGeneratedConfig(wrangler, project, databaseId, secrets);
        break;
      }
      case "deploy": {
        const upload = wrangler.path(target.uploadFile);
        mkdirSync(dirname(upload), { recursive: true });
        writeFileSync(upload, JSON.stringify(secrets.secrets), { mode: 0o600 });
        chmodSync(upload, 0o600);
        let output: Output;
        try {
          output = await wrangler.run(step.wrangler!, true);
        } finally {
          rmSync(upload, { force: true });
        }
        const deployed = readDeployedUrl(output);
        if (!deployed.ok) return failed(deployed.problem, output);
        url = deployed.value;
        break;
      }
      case "health": {
        const secret = secrets.secrets.WIDGET_TOKEN_SECRET ?? "";
        health = url ? await checkHealth(url, secret, healthOptions) : null;
        break;
      }
    }
  }
  return { ok: true, url, health };
}
