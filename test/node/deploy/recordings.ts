/**
 * What wrangler 4.86.0 prints, for the parsers and the fake wrangler. There is no Cloudflare account here, so each
 * answer is either recorded from the real wrangler (the logged-out ones, and the migrations tables, recorded with
 * --local, which runs the same handler and table code as --remote) or rebuilt from the function of wrangler's code
 * (node_modules/wrangler/wrangler-dist/cli.js) named beside it, with the account's data made up.
 */
import type { Output } from "../../../.ci/deploy/wrangler-facts";

const BANNER = "\n ⛅️ wrangler 4.86.0\n───────────────────\n";

/** logger.error's format for a UserError, as the real wrangler printed it (colours included), then the log note. */
const error = (message: string): string =>
  `\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m \u001b[1m${message}\u001b[0m\n\n\n` +
  `🪵  Logs were written to "/home/owner/.config/.wrangler/logs/wrangler-2026-12-05_06-42-08_485.log"\n`;

export const ACCOUNT = { id: "4f6c2b9e0d1a4c3b8e7f6a5b4c3d2e1f", name: "Fjordbris Interiør AS" };
export const DATABASE_ID = "a3c1e5f7-2b4d-4e6f-8a0c-1e3f5a7b9c2d";

/** Recorded: `wrangler whoami --json` without a login (exit code 1). */
export const whoamiLoggedOut: Output = { stdout: '\n{"loggedIn":false}\n', stderr: "", code: 1 };

/** whoami() with json, src/user/whoami.ts: logger.json = JSON.stringify(result, null, 4). */
export function whoamiLoggedIn(accounts = [ACCOUNT]): Output {
  const result = {
    loggedIn: true,
    authType: "OAuth Token",
    email: "eier@fjordbris.no",
    accounts: accounts.map((a) => ({ ...a, type: "standard", created_on: "2024-03-01T09:12:44.000000Z" })),
    tokenPermissions: ["account:read", "user:read", "workers:write", "workers_kv:write", "d1:write", "queues:write"],
  };
  return { stdout: `${JSON.stringify(result, null, 4)}\n`, stderr: "", code: 0 };
}

/** Recorded: any command that needs the account, run without a login and without a terminal (exit code 1). */
export const notLoggedIn: Output = {
  stdout: BANNER,
  stderr: error(
    "In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN environment variable for wrangler to work. Please go to https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ for instructions on how to create an api token, and assign its value to CLOUDFLARE_API_TOKEN.",
  ),
  code: 1,
};

/** d1ListCommand with --json, src/d1/list.ts: the API's objects, JSON.stringify(dbs, null, 2), no banner. */
export function d1List(databases: { name: string; uuid: string }[]): Output {
  const full = databases.map((db) => ({
    uuid: db.uuid,
    name: db.name,
    created_at: "2026-11-30T08:15:02.118Z",
    version: "production",
    num_tables: 9,
    file_size: 241664,
    jurisdiction: null,
  }));
  return { stdout: `${JSON.stringify(full, null, 2)}\n`, stderr: "", code: 0 };
}

/** queuesCreateCommand, src/queues/cli/commands/create.ts (the snippets in TOML: the config is wrangler.toml). */
export function queueCreated(name: string): Output {
  const binding = name.replace(/-/g, "_");
  return {
    stdout: `${BANNER}🌀 Creating queue '${name}'\n✅ Created queue '${name}'\n\nConfigure your Worker to send messages to this queue:\n\n[[queues.producers]]\nqueue = "${name}"\nbinding = "${binding}"\n\nConfigure your Worker to consume messages from this queue:\n\n[[queues.consumers]]\nqueue = "${name}"\n`,
    stderr: "",
    code: 0,
  };
}

/** A Cloudflare API failure as wrangler prints it (logger.error of an APIError), here the account's queue limit. */
export const queueCreateFailed: Output = {
  stdout: `${BANNER}🌀 Creating queue 'poweroffice-sync-dead-staging'\n`,
  stderr: error(
    "A request to the Cloudflare API (/accounts/4f6c2b9e0d1a4c3b8e7f6a5b4c3d2e1f/queues) failed.\n\n  You have reached the maximum number of queues for your account [code: 11009]\n\n  If you think this is a bug, please open an issue at: https://github.com/cloudflare/workers-sdk/issues/new/choose",
  ),
  code: 1,
};

/**
 * d1CreateCommand, src/d1/create.ts, then createdResourceConfig (src/utils/add-created-resource-config.ts): the
 * snippet in TOML, its binding from getValidBindingName(db.name).
 */
export function d1Created(name: string, uuid = DATABASE_ID): Output {
  return {
    stdout: `${BANNER}✅ Successfully created DB '${name}' in region WEUR\nCreated your new D1 database.\n\nTo access your new D1 Database in your Worker, add the following snippet to your configuration file:\n[[d1_databases]]\nbinding = "${name.replace(/-/g, "_")}"\ndatabase_name = "${name}"\ndatabase_id = "${uuid}"\n\n`,
    stderr: "",
    code: 0,
  };
}

/**
 * logger.table (cli-table3, no colours when not on a terminal): a rule under the header and between rows. For one
 * column this is byte for byte the table the real `wrangler d1 migrations list --local` printed.
 */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `│${cells.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join("│")}│`;
  const rule = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => "─".repeat(w + 2)).join(mid)}${right}`;
  return [
    rule("┌", "┬", "┐"),
    line(head),
    ...rows.flatMap((row) => [rule("├", "┼", "┤"), line(row)]),
    rule("└", "┴", "┘"),
  ].join("\n");
}

/** queuesListCommand, src/queues/cli/commands/list.ts: logger.table of id, name, created_on, modified_on, counts. */
export function queuesList(queues: { name: string; producers?: number; consumers?: number }[]): Output {
  const rows = queues.map((q, i) => [
    `9d2f7a1c3e5b4d6f8a0c2e4f6a8b0c${String(10 + i)}`,
    q.name,
    "2026-11-30T08:14:55.402139Z",
    "2026-11-30T08:14:55.402139Z",
    String(q.producers ?? 1),
    String(q.consumers ?? 1),
  ]);
  const head = ["id", "name", "created_on", "modified_on", "producers", "consumers"];
  // An account without queues: logger.table([]) has no header and no rows.
  const body = rows.length === 0 ? table([], []) : table(head, rows);
  return { stdout: `${BANNER}${body}\n`, stderr: "", code: 0 };
}

/**
 * d1MigrationsListCommand, src/d1/migrations/list.ts: recorded with --local on a fresh database (the table is
 * logger.table's cli-table3 output), with the location line as --remote prints it.
 */
export function migrationsPending(names: string[]): Output {
  return {
    stdout: `${BANNER}Resource location: remote \n\nMigrations to be applied:\n${table(
      ["Name"],
      names.map((n) => [n]),
    )}\n`,
    stderr: "",
    code: 0,
  };
}

/** The same, recorded after every migration was applied. */
export const migrationsNone: Output = {
  stdout: `${BANNER}Resource location: remote \n\n✅ No migrations to apply!\n`,
  stderr: "",
  code: 0,
};

/** d1MigrationsApplyCommand, src/d1/migrations/apply.ts, non-interactive: confirm() takes its fallback, yes. */
export function migrationsApplied(names: string[]): Output {
  return {
    stdout: `${BANNER}Resource location: remote \n\nMigrations to be applied:\n${table(
      ["Name"],
      names.map((n) => [n]),
    )}\n? About to apply ${names.length} migration(s)\nYour database may not be available to serve requests during the migration, continue?\n🤖 Using fallback value in non-interactive context: yes\n🚣 Executed ${names.length} commands in 1.21ms\n`,
    stderr: "",
    code: 0,
  };
}

/**
 * deploy (src/deploy/deploy.ts: "Uploaded <worker> (… sec)"), then triggersDeploy (src/triggers/deploy.ts):
 * "Deployed <worker> triggers (… sec)" and one target a line (`logger.log(" ", target)`), the workers.dev one with
 * https:// put in front; then "Current Version ID: …".
 */
export function deployed(worker: string, url: string, queues: string[]): Output {
  const targets = [url, "schedule: * * * * *", `Producer for ${queues[0]}`, ...queues.map((q) => `Consumer for ${q}`)];
  return {
    stdout: `${BANNER}Total Upload: 553.15 KiB / gzip: 137.07 KiB\nWorker Startup Time: 21 ms\nYour Worker has access to the following bindings:\nBinding                         Resource\nenv.CACHE                       KV Namespace\nenv.DB (poweroffice-sync)       D1 Database\n\nUploaded ${worker} (4.12 sec)\nDeployed ${worker} triggers (1.31 sec)\n${targets.map((t) => `  ${t}`).join("\n")}\nCurrent Version ID: 5b0a1c2e-8f3d-4a6b-9c7e-2d1f0e3a4b5c\n`,
    stderr: "",
    code: 0,
  };
}
