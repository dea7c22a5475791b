/**
 * Reads wrangler 4.86's answers. Each parser takes what one wrangler command printed (stdout and stderr, ANSI colours
 * and all) and returns the fact the planner needs, or says it could not read it: an answer it does not recognise is
 * an error in words, never a guess. The recordings these are tested with (test/node/deploy/recordings/) name the
 * function of wrangler's code each follows.
 */
import * as v from "valibot";

export interface Output {
  stdout: string;
  stderr: string;
  code: number;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;
const plain = (text: string) => text.replace(ANSI, "");

const NOT_LOGGED_IN =
  /You are not authenticated|it's necessary to set a CLOUDFLARE_API_TOKEN|Not logged in|run `wrangler login`/i;

/** wrangler's own error lines (`✘ [ERROR] …` and what follows, up to the log-file note), as one paragraph. */
export function wranglerError(output: Output): string {
  const stderr = plain(output.stderr);
  const stdout = plain(output.stdout);
  const text = stderr.includes("[ERROR]") || !stdout.includes("[ERROR]") ? stderr : stdout;
  const start = text.indexOf("[ERROR]");
  const lines = (start >= 0 ? text.slice(start + "[ERROR]".length) : text)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("🪵") && !/^If you think this is a bug/.test(line));
  const message = lines.join(" ").trim();
  return message === "" ? `wrangler stopped with exit code ${output.code} and printed no error` : message;
}

export const isNotLoggedIn = (output: Output) => NOT_LOGGED_IN.test(plain(`${output.stdout}\n${output.stderr}`));

/** The JSON value that starts a line and runs to the end: wrangler may print a banner or a note before it. */
function firstJson(text: string): unknown {
  for (const match of text.matchAll(/^[[{]/gm)) {
    try {
      return JSON.parse(text.slice(match.index));
    } catch {
      // Not the JSON yet (a line like "[custom build] …"): try the next line that opens one.
    }
  }
  return undefined;
}

const WhoamiSchema = v.union([
  v.object({ loggedIn: v.literal(false) }),
  v.object({
    loggedIn: v.literal(true),
    authType: v.string(),
    email: v.optional(v.nullable(v.string())),
    accounts: v.array(v.object({ id: v.string(), name: v.string() })),
  }),
]);

export type Whoami =
  | { loggedIn: false }
  | { loggedIn: true; authType: string; email?: string; accounts: { id: string; name: string }[] };

/** `wrangler whoami --json` (whoami() in src/user/whoami.ts): `{"loggedIn":false}` with exit code 1 when logged out. */
export function readWhoami(output: Output): Read<Whoami> {
  const parsed = v.safeParse(WhoamiSchema, firstJson(plain(output.stdout)));
  if (!parsed.success) {
    if (isNotLoggedIn(output)) return { ok: true, value: { loggedIn: false } };
    return { ok: false, problem: `could not read \`wrangler whoami --json\`: ${wranglerError(output)}` };
  }
  const who = parsed.output;
  if (!who.loggedIn) return { ok: true, value: { loggedIn: false } };
  return {
    ok: true,
    value: {
      loggedIn: true,
      authType: who.authType,
      accounts: who.accounts,
      ...(who.email ? { email: who.email } : {}),
    },
  };
}

const DatabasesSchema = v.array(v.looseObject({ uuid: v.string(), name: v.string() }));

/** `wrangler d1 list --json` (d1ListCommand, src/d1/list.ts): the API's database objects, indented JSON. */
export function readDatabases(output: Output): Read<{ name: string; id: string }[]> {
  if (output.code !== 0) return { ok: false, problem: wranglerError(output) };
  const parsed = v.safeParse(DatabasesSchema, firstJson(plain(output.stdout)));
  if (!parsed.success) return { ok: false, problem: "could not read `wrangler d1 list --json`: it printed no list" };
  return { ok: true, value: parsed.output.map((db) => ({ name: db.name, id: db.uuid })) };
}

/**
 * `wrangler queues list` (queuesListCommand, src/queues/cli/commands/list.ts): a table, no --json; the names are the
 * "name" column. The API answers every queue of the account in one page (Cloudflare's List Queues returns a
 * SinglePage). An account without queues prints a table without cells.
 */
export function readQueues(output: Output): Read<string[]> {
  if (output.code !== 0) return { ok: false, problem: wranglerError(output) };
  const rows = plain(output.stdout)
    .split("\n")
    .filter((line) => line.startsWith("│"))
    .map((line) =>
      line
        .split("│")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells.some((cell) => cell !== ""));
  if (rows.length === 0) return { ok: true, value: [] };
  const column = rows[0]!.indexOf("name");
  if (column < 0) return { ok: false, problem: "could not read `wrangler queues list`: its table has no name column" };
  return { ok: true, value: rows.slice(1).map((cells) => cells[column]!) };
}

/**
 * `wrangler d1 migrations list <db> --remote` (d1MigrationsListCommand, src/d1/migrations/list.ts): "✅ No migrations
 * to apply!" or "Migrations to be applied:" and a table with one file name a row.
 */
export function readPendingMigrations(output: Output): Read<string[]> {
  if (output.code !== 0) return { ok: false, problem: wranglerError(output) };
  const text = plain(output.stdout);
  if (text.includes("No migrations to apply")) return { ok: true, value: [] };
  const at = text.indexOf("Migrations to be applied:");
  if (at < 0) return { ok: false, problem: "could not read `wrangler d1 migrations list`: it listed no migrations" };
  const names = [...text.slice(at).matchAll(/│\s*(\S+\.sql)\s*│/g)].map((m) => m[1]!);
  return { ok: true, value: names };
}

/**
 * `wrangler d1 create <name>` (d1CreateCommand, src/d1/create.ts): the config snippet it prints holds the new
 * database's id, as TOML (`database_id = "…"`) or JSON (`"database_id": "…"`) after the config file's format.
 */
export function readCreatedDatabaseId(output: Output): Read<string> {
  if (output.code !== 0) return { ok: false, problem: wranglerError(output) };
  const id = /"?database_id"?\s*[=:]\s*"([0-9a-f-]{36})"/i.exec(plain(output.stdout))?.[1];
  return id ? { ok: true, value: id } : { ok: false, problem: "`wrangler d1 create` printed no database_id" };
}

/**
 * `wrangler deploy` (triggersDeploy, src/triggers/deploy.ts): after "Deployed <worker> triggers (…)" one target a
 * line; the workers.dev one is the only one printed as a URL. None when workers.dev is switched off.
 */
export function readDeployedUrl(output: Output): Read<string | null> {
  if (output.code !== 0) return { ok: false, problem: wranglerError(output) };
  const lines = plain(output.stdout).split("\n");
  const at = lines.findIndex((line) => /^Deployed \S+.* triggers/.test(line.trim()));
  if (at < 0) return { ok: true, value: null };
  for (const line of lines.slice(at + 1)) {
    const target = line.trim();
    if (!line.startsWith(" ") || target === "") break;
    if (/^https?:\/\/\S+$/.test(target)) return { ok: true, value: target.replace(/\/+$/, "") };
  }
  return { ok: true, value: null };
}
