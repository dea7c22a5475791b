/** `npm run deploy [-- --env staging|production] [--dry-run] [--secrets <file>] [--yes]`, read with valibot. */
import { parseArgs } from "node:util";
import * as v from "valibot";
import { ENVIRONMENTS, type Environment } from "./plan";

export interface Args {
  env?: Environment;
  dryRun: boolean;
  secrets?: string;
  yes: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run deploy [-- --env staging|production] [--dry-run] [--secrets <file>] [--yes]

  --env staging|production  deploy that environment of wrangler.toml (default: the top level)
  --dry-run                 print every step it would take and change nothing (no account needed)
  --secrets <file>          the secrets file (default .secrets.env, .secrets.staging.env or .secrets.production.env)
  --yes                     do not ask before changing the account (CI/CD)

Log in first with \`npx wrangler login\`, or set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID) for CI/CD.
Details: docs/deploy.md and .ci/deploy/README.md.`;

const ArgsSchema = v.object({
  env: v.optional(
    v.picklist(ENVIRONMENTS, `--env must be ${ENVIRONMENTS.join(" or ")} (leave it out to deploy the top level)`),
  ),
  "dry-run": v.optional(v.boolean(), false),
  secrets: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty("--secrets needs a file name"))),
  yes: v.optional(v.boolean(), false),
  help: v.optional(v.boolean(), false),
});

export function readArgs(argv: string[]): { ok: true; args: Args } | { ok: false; problem: string } {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: "string", short: "e" },
        "dry-run": { type: "boolean" },
        secrets: { type: "string" },
        yes: { type: "boolean", short: "y" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, problem: `${error instanceof Error ? error.message : String(error)}.` };
  }
  const parsed = v.safeParse(ArgsSchema, values);
  if (!parsed.success) return { ok: false, problem: `${parsed.issues[0].message}.` };
  const a = parsed.output;
  return {
    ok: true,
    args: {
      ...(a.env ? { env: a.env } : {}),
      dryRun: a["dry-run"],
      ...(a.secrets ? { secrets: a.secrets } : {}),
      yes: a.yes,
      help: a.help,
    },
  };
}
