/**
 * The deploy plan, pure: from what is known about the project, the secrets file and the Cloudflare account to the
 * ordered steps that make the account run this version, each with the exact wrangler command and why it is taken.
 * What exists already is not made again, so a second run on a complete account is short and changes nothing but the
 * deployed code and secrets.
 */
import type { SecretsCheck } from "./secrets-file";

export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** What wrangler.toml says one environment is made of (read by target.ts). */
export interface Target {
  /** Undefined: the top level of wrangler.toml. */
  env?: Environment;
  worker: string;
  database: { binding: string; name: string };
  /** Every queue the environment sends to, consumes or dead-letters to; `dead`: a dead-letter queue. */
  queues: { name: string; dead: boolean }[];
  /** Migration files in the project, in order. */
  migrations: string[];
  secretsFile: string;
  /** Where the deploy step's secrets are written as JSON for `--secrets-file`, and removed right after. */
  uploadFile: string;
  /** The generated config (wrangler.toml with this account's ids), relative to the project. */
  generatedConfig: string;
}

export type Account =
  /** Dry run without a login: nothing was asked. */
  | { kind: "unknown" }
  | { kind: "logged-out" }
  | { kind: "choose"; accounts: { id: string; name: string }[] }
  | { kind: "ok"; id: string; name: string };

export interface Facts {
  target: Target;
  dryRun: boolean;
  secrets: SecretsCheck;
  account: Account;
  /** Of target.queues, those that exist. Undefined when not asked. */
  existingQueues?: string[];
  /** The database's id, null when it does not exist. Undefined when not asked. */
  databaseId?: string | null;
  /** Migrations not yet applied to the existing database. Undefined when not asked. */
  pendingMigrations?: string[];
}

export type StepKind = "create-queue" | "create-database" | "write-config" | "migrate" | "deploy" | "health";

export interface Step {
  kind: StepKind;
  /** wrangler's arguments (after `wrangler`); null for a step this tool takes itself. */
  wrangler: string[] | null;
  why: string;
}

export type Plan =
  | { ok: true; steps: Step[]; notes: string[] }
  | {
      ok: false;
      problems: string[];
      /** What to do, one sentence. */
      next: string;
    };

const LOGIN =
  "Log in with `npx wrangler login` (or, for CI/CD, set CLOUDFLARE_API_TOKEN to an API token with Workers Scripts, Workers KV Storage, D1 and Queues edit rights, and CLOUDFLARE_ACCOUNT_ID), then run this again.";

export function plan(facts: Facts): Plan {
  const { target, secrets, account } = facts;
  if (!secrets.ok) {
    return {
      ok: false,
      problems: secrets.problems,
      next: `Correct ${target.secretsFile} and run this again; nothing was deployed and nothing on your account was changed.`,
    };
  }
  if (account.kind === "logged-out" && !facts.dryRun) {
    return { ok: false, problems: ["You are not logged in to Cloudflare."], next: LOGIN };
  }
  if (account.kind === "choose") {
    const list = account.accounts.map((a) => `${a.name} (${a.id})`).join(", ");
    return {
      ok: false,
      problems: [`Your login can deploy to ${account.accounts.length} Cloudflare accounts: ${list}.`],
      next: "Say which one with CLOUDFLARE_ACCOUNT_ID=<id> (for example `CLOUDFLARE_ACCOUNT_ID=<id> npm run deploy`), then run this again.",
    };
  }

  const known = account.kind === "ok";
  const notes: string[] = [];
  if (!known) {
    notes.push(
      "Not logged in to Cloudflare, so no account was asked: this plan assumes an empty account (nothing exists yet). Log in (`npx wrangler login`) to see the plan for yours.",
    );
  }
  notes.push(...secrets.notes);

  const env = target.env ? ["--env", target.env] : [];
  const config = ["--config", target.generatedConfig];
  const steps: Step[] = [];

  const existing = new Set(known ? (facts.existingQueues ?? []) : []);
  for (const queue of target.queues) {
    if (existing.has(queue.name)) continue;
    const role = queue.dead
      ? "messages that crash the consumer on every delivery end there"
      : "webhooks and long polls go through it";
    steps.push({
      kind: "create-queue",
      wrangler: ["queues", "create", queue.name],
      why: `Queue ${queue.name} does not exist yet (wrangler deploy does not create queues): ${role}.`,
    });
  }

  const databaseId = known ? facts.databaseId : null;
  if (!databaseId) {
    steps.push({
      kind: "create-database",
      wrangler: ["d1", "create", target.database.name],
      why: `D1 database ${target.database.name} does not exist yet: it holds the links, cursors and activity.`,
    });
  }
  steps.push({
    kind: "write-config",
    wrangler: null,
    why: `Write ${target.generatedConfig}: wrangler.toml with ${target.database.name}'s id${Object.keys(secrets.vars).length > 0 ? ` and ${Object.keys(secrets.vars).join(", ")} from ${target.secretsFile}` : ""}, which remote migrations and the deploy need (wrangler.toml itself holds no account's ids).`,
  });

  const pending = databaseId ? (facts.pendingMigrations ?? target.migrations) : target.migrations;
  if (pending.length > 0) {
    steps.push({
      kind: "migrate",
      wrangler: ["d1", "migrations", "apply", target.database.binding, "--remote", ...config, ...env],
      why: `Apply ${pending.length} migration${pending.length === 1 ? "" : "s"} (${pending.join(", ")}) before the new code takes traffic: migrations only add, so the running version keeps working meanwhile.`,
    });
  }

  steps.push({
    kind: "deploy",
    wrangler: ["deploy", ...config, ...env, "--secrets-file", target.uploadFile],
    why: `Deploy ${target.worker} with its ${Object.keys(secrets.secrets).length} secrets from ${target.secretsFile} in the same upload (wrangler creates the KV namespace CACHE on the first deploy).`,
  });
  steps.push({
    kind: "health",
    wrangler: null,
    why: "Call the deployed /health (with a read-scope widget token, for the details) and print what the shop needs.",
  });
  return { ok: true, steps, notes };
}
