/**
 * What a fresh clone holds: the tracked files only (nothing built, no secrets file, no .wrangler), with this
 * checkout's node_modules linked in place of `npm ci` (CI runs `npm ci` on its clean checkout before the tests).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const REPO_ROOT = resolve(".");

export function copyTrackedFiles(dest: string): string {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(dest, file));
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dest, "node_modules"));
  return dest;
}

/** The environment of a new user's shell: no Cloudflare login or token, `home` as HOME, no metrics or update checks. */
export function noLoginEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    npm_config_update_notifier: "false",
  };
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  return env;
}

/** secrets.example.env as a user fills it in: every required value set, in the shape the checks ask for. */
export function fillSecretsExample(example: string): string {
  return example
    .replace(/^POWEROFFICE_APPLICATION_KEY=$/m, "POWEROFFICE_APPLICATION_KEY=6f1d2c3b-4a5e-4f60-9a7b-8c9d0e1f2a3b")
    .replace(/^POWEROFFICE_CLIENT_KEY=$/m, "POWEROFFICE_CLIENT_KEY=demo-client-key")
    .replace(/^POWEROFFICE_SUBSCRIPTION_KEY=$/m, "POWEROFFICE_SUBSCRIPTION_KEY=demo-subscription-key")
    .replace(/^WEBSHOP_BASE_URL=$/m, "WEBSHOP_BASE_URL=https://shop.fjordbris.no/api/sync")
    .replace(/^WEBSHOP_API_TOKEN=$/m, "WEBSHOP_API_TOKEN=demo-shop-token")
    .replace(/^WEBSHOP_WEBHOOK_SECRET=$/m, `WEBSHOP_WEBHOOK_SECRET=whsec_${Buffer.alloc(32, 3).toString("base64")}`)
    .replace(/^WIDGET_TOKEN_SECRET=$/m, `WIDGET_TOKEN_SECRET=${"a".repeat(40)}`);
}
