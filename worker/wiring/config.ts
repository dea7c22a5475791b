/**
 * Configuration, parsed once per `env` with valibot. A missing or malformed variable becomes one sentence that
 * names it and says what it should look like; nothing deeper in the worker ever reads `env` strings itself.
 */
import * as v from "valibot";
import { WORKERS_PLANS, type WorkersPlan } from "../budgets/budget";
import type { PowerOfficeConfig } from "../connectors/poweroffice/runtime";
import type { WebshopDeps } from "../connectors/webshop/runtime";
import { CONFLICT_POLICIES, type ConflictPolicy } from "../core/types";
import { DEFAULT_ACTIVITY_RETENTION_DAYS, MAX_ACTIVITY_RETENTION_DAYS } from "../store/activity-retention";

export { CONFLICT_POLICIES, type ConflictPolicy };

/** The configuration values that are secrets: never logged, never in an answer, never in the widget's bundle. */
export const SECRET_NAMES = [
  "POWEROFFICE_APPLICATION_KEY",
  "POWEROFFICE_CLIENT_KEY",
  "POWEROFFICE_SUBSCRIPTION_KEY",
  "WEBSHOP_API_TOKEN",
  "WEBSHOP_WEBHOOK_SECRET",
  "WIDGET_TOKEN_SECRET",
  "CREDENTIALS_KEY",
] as const;

export interface Config {
  /** `clientKey` is POWEROFFICE_CLIENT_KEY, or null: then the key onboarding stored in D1 is used (the secret wins). */
  poweroffice: Omit<PowerOfficeConfig, "clientKey"> & { clientKey: string | null };
  /** CREDENTIALS_KEY's 32 bytes, which seal the client key in D1; null when it is not set (no connecting then). */
  credentialsKey: Uint8Array | null;
  webshop: WebshopDeps["config"] & { webhookSecrets: string[] };
  widgetTokenSecret: string;
  adminOrigins: string[];
  conflictPolicy: ConflictPolicy;
  /** Sizes each invocation's subrequest budget (worker/budgets/budget.ts). */
  workersPlan: WorkersPlan;
  /**
   * What a pair that has never synced does first (docs/sync-engine.md, "Preview"): `preview` reads both systems and
   * waits for the admin's "Start syncing"; `immediate` starts the first sync at once.
   */
  firstSync: FirstSyncSetting;
  /** Days the activity log keeps an entry (worker/store/activity-retention.ts, docs/operations.md). */
  activityRetentionDays: number;
}

export const FIRST_SYNC_SETTINGS = ["preview", "immediate"] as const;
export type FirstSyncSetting = (typeof FIRST_SYNC_SETTINGS)[number];

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

const required = (name: string, shape: string) =>
  v.pipe(
    v.string(`${name} is missing: set it to ${shape}`),
    v.trim(),
    v.nonEmpty(`${name} is empty: set it to ${shape}`),
  );

const httpUrl = (name: string, example: string) =>
  v.pipe(
    required(name, `an http(s) URL such as ${example}`),
    v.url(`${name} is not a URL: it should look like ${example}`),
    v.check((s) => /^https?:\/\//i.test(s), `${name} must start with https:// (or http:// for a local simulator)`),
    v.transform((s) => s.replace(/\/+$/, "")),
  );

const WEBHOOK_SECRET_SHAPE =
  "whsec_ followed by base64 of at least 24 random bytes (two, space-separated, while rotating)";

/** One `whsec_<base64>` secret, or two during rotation; yields the raw key bytes' base64 parts. */
const webhookSecrets = v.pipe(
  required("WEBSHOP_WEBHOOK_SECRET", WEBHOOK_SECRET_SHAPE),
  v.transform((s) => s.split(/\s+/)),
  v.check(
    (parts) => parts.length <= 2,
    "WEBSHOP_WEBHOOK_SECRET holds more than two secrets: keep the new and the old one only",
  ),
  v.check(
    (parts) => parts.every(isWebhookSecret),
    `WEBSHOP_WEBHOOK_SECRET is malformed: it should be ${WEBHOOK_SECRET_SHAPE}`,
  ),
);

function isWebhookSecret(secret: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m?.[1]) return false;
  try {
    return atob(m[1]).length >= 24;
  } catch {
    return false;
  }
}

const ORIGIN_SHAPE = "like https://admin.example.no";
/** Plain http is only private on this machine: a local admin page under development. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * One ADMIN_ORIGINS entry as the browser's Origin header spells it (lower-case host, no default port), or the one
 * sentence saying what is wrong with it. A wildcard is refused rather than matched: it would widen who may call the
 * API on a typo, and an entry kept as given would silently match nothing.
 */
export function adminOrigin(entry: string): { ok: true; origin: string } | { ok: false; problem: string } {
  const named = `ADMIN_ORIGINS entry "${entry}"`;
  if (entry.includes("*")) {
    return {
      ok: false,
      problem: `${named} holds a wildcard, which the worker does not support: list each admin origin in full, ${ORIGIN_SHAPE}`,
    };
  }
  const notAnOrigin = {
    ok: false as const,
    problem: `${named} is not an origin: list origins ${ORIGIN_SHAPE} (scheme and host, no path), comma-separated`,
  };
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return notAnOrigin;
  }
  const bare = url.username === "" && url.password === "" && url.search === "" && url.hash === "";
  if (!bare || url.pathname !== "/" || !/^https?:\/\/[^/?#]+\/?$/i.test(entry)) return notAnOrigin;
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      problem: `${named} is plain http: use https://${url.host} (http is accepted only for localhost, 127.0.0.1 and [::1])`,
    };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return notAnOrigin;
  return { ok: true, origin: url.origin };
}

const adminOrigins = v.pipe(
  v.optional(v.string(), ""),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const origins: string[] = [];
    for (const entry of dataset.value.split(/[\s,]+/).filter(Boolean)) {
      const checked = adminOrigin(entry);
      if (!checked.ok) {
        addIssue({ message: checked.problem });
        return NEVER;
      }
      origins.push(checked.origin);
    }
    return origins;
  }),
);

/** Also read on its own by /health, which verifies a token for its details while other values may be broken. */
export const WidgetTokenSecret = v.pipe(
  required("WIDGET_TOKEN_SECRET", "a random string of at least 32 characters"),
  v.minLength(32, "WIDGET_TOKEN_SECRET is too short: use at least 32 random characters (openssl rand -hex 32)"),
);

/** Optional: unset or empty is null. */
const optionalSecret = v.pipe(
  v.optional(v.string(), ""),
  v.trim(),
  v.transform((s) => (s === "" ? null : s)),
);

const CREDENTIALS_KEY_SHAPE = "base64 of 32 random bytes (openssl rand -base64 32)";

/** The AES-256 key that seals the client key in D1 (worker/store/sealed-key.ts). */
const credentialsKey = v.pipe(
  optionalSecret,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    if (dataset.value === null) return null;
    let bytes: Uint8Array | null = null;
    try {
      bytes = Uint8Array.from(atob(dataset.value), (ch) => ch.charCodeAt(0));
    } catch {
      bytes = null;
    }
    if (bytes?.length !== 32) {
      addIssue({ message: `CREDENTIALS_KEY is malformed: it should be ${CREDENTIALS_KEY_SHAPE}` });
      return NEVER;
    }
    return bytes;
  }),
);

const RETENTION_SHAPE = `a whole number of days from 1 to ${MAX_ACTIVITY_RETENTION_DAYS}`;

/** ACTIVITY_RETENTION_DAYS: a string in wrangler.toml's [vars] (a number there arrives as one). */
const activityRetentionDays = v.pipe(
  v.optional(v.union([v.string(), v.number()]), String(DEFAULT_ACTIVITY_RETENTION_DAYS)),
  v.transform((value) => String(value).trim()),
  v.regex(/^\d{1,4}$/, `ACTIVITY_RETENTION_DAYS must be ${RETENTION_SHAPE}`),
  v.transform(Number),
  v.minValue(1, `ACTIVITY_RETENTION_DAYS must be ${RETENTION_SHAPE}`),
  v.maxValue(MAX_ACTIVITY_RETENTION_DAYS, `ACTIVITY_RETENTION_DAYS must be ${RETENTION_SHAPE}`),
);

const EnvSchema = v.object({
  POWEROFFICE_BASE_URL: httpUrl("POWEROFFICE_BASE_URL", "https://goapi.poweroffice.net/Demo/v2"),
  POWEROFFICE_TOKEN_URL: httpUrl("POWEROFFICE_TOKEN_URL", "https://goapi.poweroffice.net/Demo/OAuth/Token"),
  POWEROFFICE_APPLICATION_KEY: required("POWEROFFICE_APPLICATION_KEY", "the application key PowerOffice issued"),
  POWEROFFICE_CLIENT_KEY: optionalSecret,
  CREDENTIALS_KEY: credentialsKey,
  POWEROFFICE_SUBSCRIPTION_KEY: required("POWEROFFICE_SUBSCRIPTION_KEY", "your developer-portal subscription key"),
  WEBSHOP_BASE_URL: httpUrl("WEBSHOP_BASE_URL", "https://shop.example.no/api/sync"),
  WEBSHOP_API_TOKEN: required("WEBSHOP_API_TOKEN", "the bearer token your webshop API accepts"),
  WEBSHOP_WEBHOOK_SECRET: webhookSecrets,
  WIDGET_TOKEN_SECRET: WidgetTokenSecret,
  ADMIN_ORIGINS: adminOrigins,
  CONFLICT_POLICY: v.optional(
    v.picklist(CONFLICT_POLICIES, `CONFLICT_POLICY must be one of ${CONFLICT_POLICIES.join(", ")}`),
    "newest-wins",
  ),
  WORKERS_PLAN: v.optional(
    v.picklist(
      WORKERS_PLANS,
      `WORKERS_PLAN must be "free" (50 subrequests per invocation) or "paid" (Workers Paid: 1,000 D1 queries per invocation)`,
    ),
    "free",
  ),
  FIRST_SYNC: v.optional(
    v.picklist(
      FIRST_SYNC_SETTINGS,
      `FIRST_SYNC must be "preview" (read both systems and wait for "Start syncing" in the widget) or "immediate" (start the first sync at once)`,
    ),
    "preview",
  ),
  ACTIVITY_RETENTION_DAYS: activityRetentionDays,
});

const cache = new WeakMap<object, ConfigResult>();

/** Parses the configuration from `env`; the result is cached per env object, so this is cheap to call. */
export function readConfig(env: Env): ConfigResult {
  const hit = cache.get(env);
  if (hit) return hit;
  const result = parseConfig(env);
  cache.set(env, result);
  return result;
}

export function parseConfig(env: Partial<Record<keyof Env, unknown>>): ConfigResult {
  // Every key present (undefined when absent), so a missing variable gets its own sentence, not valibot's "Invalid key".
  const input = Object.fromEntries(Object.keys(EnvSchema.entries).map((name) => [name, env[name as keyof Env]]));
  const parsed = v.safeParse(EnvSchema, input, { abortPipeEarly: true });
  if (!parsed.success) {
    return { ok: false, problems: parsed.issues.map((issue) => issue.message) };
  }
  const e = parsed.output;
  return {
    ok: true,
    config: {
      poweroffice: {
        baseUrl: e.POWEROFFICE_BASE_URL,
        tokenUrl: e.POWEROFFICE_TOKEN_URL,
        applicationKey: e.POWEROFFICE_APPLICATION_KEY,
        clientKey: e.POWEROFFICE_CLIENT_KEY,
        subscriptionKey: e.POWEROFFICE_SUBSCRIPTION_KEY,
      },
      webshop: { baseUrl: e.WEBSHOP_BASE_URL, apiToken: e.WEBSHOP_API_TOKEN, webhookSecrets: e.WEBSHOP_WEBHOOK_SECRET },
      credentialsKey: e.CREDENTIALS_KEY,
      widgetTokenSecret: e.WIDGET_TOKEN_SECRET,
      adminOrigins: e.ADMIN_ORIGINS,
      conflictPolicy: e.CONFLICT_POLICY,
      workersPlan: e.WORKERS_PLAN,
      firstSync: e.FIRST_SYNC,
      activityRetentionDays: e.ACTIVITY_RETENTION_DAYS,
    },
  };
}
