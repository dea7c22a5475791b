/** Webhooks delivered for the shop: the sender, its Workers helper and the schedule's defaults. */
export { DEFAULT_DELIVERY_LIMIT, DEFAULT_TIME_BUDGET_MS } from "./options.js";
export { DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_RETRY_DELAYS_MS } from "./schedule.js";
export {
  createWebhookSender,
  type DeliverOptions,
  type DeliveryReport,
  type WebhookSender,
  type WebhookSenderOptions,
} from "./sender.js";
export { deliverInBackground, type WaitUntilContext } from "./workers.js";
