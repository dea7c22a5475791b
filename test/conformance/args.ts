/** The CLI's arguments, parsed without node APIs so a core test can check the usage errors. */

export interface CliOptions {
  baseUrl: string;
  token: string;
  only?: string[];
  runId?: string;
  keep: boolean;
  timeoutMs: number;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; help: boolean; message: string };

export const USAGE = `Usage: npm run conformance -- --base-url <url> --token <token> [options]

Checks a webshop's sync API against every rule of the webshop contract (docs/webshop-api.md).
It creates its own records (tagged conformance-<run id>), changes only those, and deletes them at the end.

  --base-url <url>   the shop's API base, as the worker's WEBSHOP_BASE_URL (e.g. https://shop.example.no/api)
  --token <token>    the bearer token (or set WEBSHOP_API_TOKEN instead, to keep it out of shell history)
  --only <ids>       comma-separated rule ids or prefixes, e.g. feed,idempotency.replay
  --run-id <id>      the run tag's suffix (default: random)
  --timeout <ms>     per request (default 30000)
  --keep             leave the kit's records in the shop
  --help             this text`;

const DEFAULT_TIMEOUT_MS = 30_000;

export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  const values = new Map<string, string>();
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { ok: false, help: true, message: USAGE };
    if (arg === "--keep") {
      keep = true;
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!["--base-url", "--token", "--only", "--run-id", "--timeout"].includes(name)) {
      return usageError(`unknown argument ${arg}`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) return usageError(`${name} needs a value`);
    values.set(name, value);
  }
  const baseUrl = values.get("--base-url");
  const token = values.get("--token") ?? env.WEBSHOP_API_TOKEN;
  if (!baseUrl) return usageError("--base-url is missing: give the shop's API base URL");
  if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) return usageError(`--base-url ${baseUrl} is not an http(s) URL`);
  if (!token) return usageError("--token is missing: give the shop's API token (or set WEBSHOP_API_TOKEN)");
  const timeout = Number(values.get("--timeout") ?? DEFAULT_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout <= 0) return usageError("--timeout must be a positive number of ms");
  const only = values
    .get("--only")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const runId = values.get("--run-id");
  if (runId !== undefined && !/^[A-Za-z0-9-]{1,20}$/.test(runId)) {
    return usageError("--run-id must be 1-20 letters, digits or dashes");
  }
  return { ok: true, options: { baseUrl, token, only, runId, keep, timeoutMs: timeout } };
}

function usageError(problem: string): ParsedArgs {
  return { ok: false, help: false, message: `error: ${problem}\n\n${USAGE}` };
}
