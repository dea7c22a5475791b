// @ts-check
/**
 * The webshop kit's parts, built from the environment: the storage (PostgreSQL when DATABASE_URL is set, else in
 * memory), the contract's API, and the webhook sender on a timer. The same file serves the Hono and Express examples.
 */
import { createWebhookSender, createWebshopApi } from "@poweroffice-sync/webshop-kit";
import { memoryAdapter } from "@poweroffice-sync/webshop-kit/memory";

/** @typedef {import("@poweroffice-sync/webshop-kit").WebshopAdapter} WebshopAdapter */

/** @param {Record<string, string | undefined>} env */
export async function createShop(env) {
  const tokens = words(required(env, "WEBSHOP_API_TOKEN"));
  const storage = await openStorage(env.DATABASE_URL);
  const api = createWebshopApi({ adapter: storage.adapter, tokens, basePath: "/api" });
  const stopWebhooks = startWebhooks(storage.adapter, env);
  return {
    api,
    port: Number(env.PORT ?? 3000),
    storage: storage.label,
    async stop() {
      stopWebhooks();
      await storage.close();
    },
  };
}

/**
 * @param {string | undefined} databaseUrl
 * @returns {Promise<{ adapter: WebshopAdapter, label: string, close: () => Promise<void> }>}
 */
async function openStorage(databaseUrl) {
  if (!databaseUrl) return { adapter: memoryAdapter(), label: "in memory", close: async () => {} };
  // Loaded only when used, so the in-memory shop starts without a database driver.
  const { default: pg } = await import("pg");
  const { postgresAdapter } = await import("@poweroffice-sync/webshop-kit/postgres");
  const pool = new pg.Pool({ connectionString: databaseUrl });
  return { adapter: postgresAdapter(pool), label: "PostgreSQL", close: () => pool.end() };
}

/**
 * Delivers the outbox every WEBHOOK_INTERVAL_MS (default 5 s). Without WEBHOOK_URL the changes wait in the outbox
 * and go out once it is set: the sync worker reads the change feed anyway, only later.
 * @param {WebshopAdapter} adapter
 * @param {Record<string, string | undefined>} env
 */
function startWebhooks(adapter, env) {
  if (!env.WEBHOOK_URL) {
    console.warn("WEBHOOK_URL is not set: changes wait in the outbox until it is (the sync reads the feed meanwhile)");
    return () => {};
  }
  const sender = createWebhookSender({
    adapter,
    url: env.WEBHOOK_URL,
    secrets: words(required(env, "WEBHOOK_SECRET")),
  });
  const everyMs = Number(env.WEBHOOK_INTERVAL_MS ?? 5000);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow round is still going: never two at once, so one record's events stay in order
    running = true;
    try {
      const result = await sender.deliverPending();
      if (result.failed > 0) console.error(`webhooks: ${result.failed} event(s) given up after every retry`);
    } catch (error) {
      console.error("webhooks: delivery round failed, next round retries:", error);
    } finally {
      running = false;
    }
  }, everyMs);
  return () => clearInterval(timer);
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {string} name
 */
function required(env, name) {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} is not set: set it in the environment and start the shop again`);
  return value;
}

/** Two values separated by a space during a rotation (new first, then old). @param {string} value */
function words(value) {
  return value.split(/\s+/).filter(Boolean);
}
