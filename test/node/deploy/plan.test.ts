import { describe, expect, it } from "vitest";
import { type Facts, plan, type Target } from "../../../.ci/deploy/plan";
import type { SecretsCheck } from "../../../.ci/deploy/secrets-file";

const target: Target = {
  env: "staging",
  worker: "poweroffice-webshop-sync-staging",
  database: { binding: "DB", name: "poweroffice-sync-staging" },
  queues: [
    { name: "poweroffice-sync-work-staging", dead: false },
    { name: "poweroffice-sync-dead-staging", dead: true },
  ],
  migrations: ["0001_init.sql", "0002_webhook_inbox.sql", "0003_sync_state.sql"],
  secretsFile: ".secrets.staging.env",
  uploadFile: ".wrangler/deploy/secrets.staging.json",
  generatedConfig: ".wrangler/deploy/wrangler.staging.json",
};
const secrets: SecretsCheck = {
  ok: true,
  secrets: { WIDGET_TOKEN_SECRET: "x".repeat(32), WEBSHOP_API_TOKEN: "t" },
  vars: { ADMIN_ORIGINS: "https://admin.fjordbris.no" },
  notes: [],
};
const account = { kind: "ok" as const, id: "acc", name: "Fjordbris" };
const CONFIG = ["--config", ".wrangler/deploy/wrangler.staging.json", "--env", "staging"];

const commands = (facts: Facts) => {
  const p = plan(facts);
  if (!p.ok) throw new Error(p.problems.join(" "));
  return p.steps.map((s) => (s.wrangler ? `wrangler ${s.wrangler.join(" ")}` : s.kind));
};

describe("the deploy plan", () => {
  it("for an empty account: both queues, the database, the config, every migration, deploy, health, in that order", () => {
    const facts: Facts = { target, dryRun: false, secrets, account, existingQueues: [], databaseId: null };
    expect(commands(facts)).toEqual([
      "wrangler queues create poweroffice-sync-work-staging",
      "wrangler queues create poweroffice-sync-dead-staging",
      "wrangler d1 create poweroffice-sync-staging",
      "write-config",
      `wrangler d1 migrations apply DB --remote ${CONFIG.join(" ")}`,
      `wrangler deploy ${CONFIG.join(" ")} --secrets-file .wrangler/deploy/secrets.staging.json`,
      "health",
    ]);
    const p = plan(facts);
    expect(p.ok && p.steps[4]!.why).toContain(
      "Apply 3 migrations (0001_init.sql, 0002_webhook_inbox.sql, 0003_sync_state.sql)",
    );
    expect(p.ok && p.steps[3]!.why).toContain("ADMIN_ORIGINS from .secrets.staging.env");
  });

  it("for an account that has everything: no creates and no migrations, only the config, the deploy and health", () => {
    const facts: Facts = {
      target,
      dryRun: false,
      secrets,
      account,
      existingQueues: target.queues.map((q) => q.name),
      databaseId: "db-id",
      pendingMigrations: [],
    };
    expect(commands(facts)).toEqual([
      "write-config",
      `wrangler deploy ${CONFIG.join(" ")} --secrets-file .wrangler/deploy/secrets.staging.json`,
      "health",
    ]);
  });

  it("for a partly made account: only what is missing, and only the migrations the database lacks", () => {
    const facts: Facts = {
      target,
      dryRun: false,
      secrets,
      account,
      existingQueues: ["poweroffice-sync-work-staging"],
      databaseId: "db-id",
      pendingMigrations: ["0003_sync_state.sql"],
    };
    expect(commands(facts)).toEqual([
      "wrangler queues create poweroffice-sync-dead-staging",
      "write-config",
      `wrangler d1 migrations apply DB --remote ${CONFIG.join(" ")}`,
      `wrangler deploy ${CONFIG.join(" ")} --secrets-file .wrangler/deploy/secrets.staging.json`,
      "health",
    ]);
    const p = plan(facts);
    expect(p.ok && p.steps[2]!.why).toContain("Apply 1 migration (0003_sync_state.sql)");
  });

  it("the top level: no --env anywhere", () => {
    const top: Target = { ...target, env: undefined, generatedConfig: ".wrangler/deploy/wrangler.json" };
    delete top.env;
    const all = commands({ target: top, dryRun: false, secrets, account, existingQueues: [], databaseId: null });
    expect(all.join("\n")).not.toContain("--env");
  });

  it("a dry run without a login assumes an empty account and says so", () => {
    const p = plan({ target, dryRun: true, secrets, account: { kind: "unknown" } });
    expect(p.ok && p.steps.map((s) => s.kind)).toEqual([
      "create-queue",
      "create-queue",
      "create-database",
      "write-config",
      "migrate",
      "deploy",
      "health",
    ]);
    expect(p.ok && p.notes[0]).toMatch(
      /^Not logged in to Cloudflare, so no account was asked: this plan assumes an empty account/,
    );
  });

  it("a bad secrets file stops everything, one sentence per problem", () => {
    const bad: SecretsCheck = {
      ok: false,
      problems: ["WIDGET_TOKEN_SECRET is too short: …", "WEBSHOP_BASE_URL is empty: …"],
    };
    const p = plan({ target, dryRun: false, secrets: bad, account: { kind: "unknown" } });
    expect(p).toEqual({
      ok: false,
      problems: bad.problems,
      next: "Correct .secrets.staging.env and run this again; nothing was deployed and nothing on your account was changed.",
    });
  });

  it("logged out (not a dry run): says how to log in; several accounts: says how to choose", () => {
    const out = plan({ target, dryRun: false, secrets, account: { kind: "logged-out" } });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.next).toMatch(/npx wrangler login.*CLOUDFLARE_API_TOKEN/);
    const many = plan({
      target,
      dryRun: false,
      secrets,
      account: {
        kind: "choose",
        accounts: [
          { id: "a1", name: "One" },
          { id: "a2", name: "Two" },
        ],
      },
    });
    expect(!many.ok && many.problems[0]).toBe("Your login can deploy to 2 Cloudflare accounts: One (a1), Two (a2).");
    expect(!many.ok && many.next).toMatch(/CLOUDFLARE_ACCOUNT_ID=<id>/);
  });
});
