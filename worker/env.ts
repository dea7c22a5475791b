/** The worker's bindings as wrangler.toml declares them. Only `buildDeps`/config read these. */
export interface Env {
  DB: D1Database;
  CACHE: KVNamespace;
  SYNC_QUEUE: Queue<unknown>;
  POWEROFFICE_BASE_URL?: string;
  POWEROFFICE_TOKEN_URL?: string;
  POWEROFFICE_APPLICATION_KEY?: string;
  POWEROFFICE_CLIENT_KEY?: string;
  POWEROFFICE_SUBSCRIPTION_KEY?: string;
  WEBSHOP_BASE_URL?: string;
  WEBSHOP_API_TOKEN?: string;
  WEBSHOP_WEBHOOK_SECRET?: string;
  WIDGET_TOKEN_SECRET?: string;
  ADMIN_ORIGINS?: string;
  CONFLICT_POLICY?: string;
  WORKERS_PLAN?: string;
}
