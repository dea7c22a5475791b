/**
 * The read-only questions whose answers are the planner's facts: who you are, which queues and D1 databases exist,
 * which migrations the database lacks. Asked in that order, and only as far as the answers matter.
 */
import { writeGeneratedConfig } from "./generated-config";
import type { Account, Facts } from "./plan";
import type { SecretsCheck } from "./secrets-file";
import type { Project } from "./target";
import type { Wrangler } from "./wrangler";
import { readDatabases, readPendingMigrations, readQueues, readWhoami } from "./wrangler-facts";

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
    writeGeneratedConfig(wrangler.path(target.generatedConfig), project, facts.databaseId, secrets);
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
