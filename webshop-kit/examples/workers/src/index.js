// @ts-check
/**
 * A shop on Cloudflare Workers with D1: the webshop contract under /api, webhooks sent after each write
 * (ctx.waitUntil) and from a cron trigger, which retries and catches what a cut-off waitUntil left.
 */
import { createWebhookSender, createWebshopApi, deliverInBackground } from "@poweroffice-sync/webshop-kit";
import { d1Adapter } from "@poweroffice-sync/webshop-kit/d1";

/**
 * @typedef {object} Env
 * @property {import("@poweroffice-sync/webshop-kit/d1").D1DatabaseLike} DB
 * @property {string} WEBSHOP_API_TOKEN secret: the token the sync worker sends ("<new> <old>" while rotating)
 * @property {string} WEBHOOK_URL https://<sync worker>/webhooks/webshop
 * @property {string} WEBHOOK_SECRET secret: the worker's WEBSHOP_WEBHOOK_SECRET ("<new> <old>" while rotating)
 */

// Workers Free allows 50 subrequests per invocation; each event costs its fetch and three D1 queries.
const DELIVERY = { limit: 10 };

/** @param {Env} env */
function kit(env) {
  const adapter = d1Adapter(env.DB);
  return {
    api: createWebshopApi({ adapter, tokens: env.WEBSHOP_API_TOKEN.split(" "), basePath: "/api" }),
    sender: createWebhookSender({ adapter, url: env.WEBHOOK_URL, secrets: env.WEBHOOK_SECRET.split(" ") }),
  };
}

export default {
  /**
   * @param {Request} request
   * @param {Env} env
   * @param {{ waitUntil(promise: Promise<unknown>): void }} ctx
   */
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname !== "/api" && !pathname.startsWith("/api/")) {
      return new Response("Not found", { status: 404 }); // the shop's own routes go here
    }
    const { api, sender } = kit(env);
    const response = await api.fetch(request);
    if (request.method !== "GET" && response.ok) deliverInBackground(ctx, sender, DELIVERY);
    return response;
  },

  /**
   * @param {unknown} _controller
   * @param {Env} env
   * @param {{ waitUntil(promise: Promise<unknown>): void }} ctx
   */
  async scheduled(_controller, env, ctx) {
    deliverInBackground(ctx, kit(env).sender, DELIVERY);
  },
};
