/**
 * Delivery on Cloudflare Workers, where nothing runs between requests: deliver in the background after a write
 * (`ctx.waitUntil`, so the shop's answer does not wait for the worker's) and from a cron trigger (`scheduled`), which
 * retries what failed and catches anything a cut-off run left. Work in `waitUntil` is cut off 30 seconds after the
 * response (https://developers.cloudflare.com/workers/runtime-apis/context/): the default time budget (15 s) plus one
 * attempt's timeout (10 s) stays inside it.
 */
import type { DeliverOptions, WebhookSender } from "./sender.js";

/** The part of a Workers ExecutionContext (fetch's or scheduled's `ctx`) this needs. */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * Runs `sender.deliverPending(options)` after the handler returns. A failure of the run itself (the database, not a
 * delivery: those are recorded on their events) is left to reject, so the Workers runtime logs it.
 */
export function deliverInBackground(ctx: WaitUntilContext, sender: WebhookSender, options?: DeliverOptions): void {
  ctx.waitUntil(sender.deliverPending(options));
}
