/** The sender's and a run's options, checked once, with an error that names the option and what it should be. */
import * as v from "valibot";
import type { WebshopAdapter } from "../adapter.js";
import { DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_RETRY_DELAYS_MS } from "./schedule.js";

export const DEFAULT_DELIVERY_LIMIT = 100;
/** Leaves a started attempt (10 s at most) room inside the 30 s a Workers `waitUntil` gets after the response. */
export const DEFAULT_TIME_BUDGET_MS = 15_000;

const whole = (name: string, min: number, unit: string) =>
  v.pipe(
    v.number(`${name} must be a number of ${unit}`),
    v.integer(`${name} must be a whole number of ${unit}`),
    v.minValue(min, `${name} must be at least ${min}`),
  );
const wholeMs = (name: string, min: number) => whole(name, min, "milliseconds");

const SenderOptions = v.object({
  adapter: v.custom<Pick<WebshopAdapter, "get" | "outbox">>(
    (a) =>
      typeof a === "object" &&
      a !== null &&
      typeof (a as WebshopAdapter).get === "function" &&
      ["due", "claim", "attempted"].every(
        (m) => typeof (a as { outbox?: Record<string, unknown> }).outbox?.[m] === "function",
      ),
    "adapter must be a webshop adapter with get() and outbox.due(), outbox.claim() and outbox.attempted()",
  ),
  url: v.pipe(
    v.string("url must be the worker's webhook URL, such as https://<worker>/webhooks/webshop"),
    v.url("url is not a URL: it should look like https://<worker>/webhooks/webshop"),
    v.check((s) => /^https?:\/\//i.test(s), "url must start with https:// (or http:// for a local worker)"),
  ),
  retryDelaysMs: v.optional(
    v.pipe(v.array(wholeMs("every retry delay", 0), "retryDelaysMs must be an array of milliseconds")),
    DEFAULT_RETRY_DELAYS_MS,
  ),
  timeoutMs: v.optional(wholeMs("timeoutMs", 1), DEFAULT_ATTEMPT_TIMEOUT_MS),
  fetch: v.optional(v.function("fetch must be a function (request: Request) => Promise<Response>")),
  now: v.optional(v.function("now must be a function returning milliseconds, such as Date.now")),
});

const RunOptions = v.object({
  limit: v.optional(whole("limit", 1, "attempts"), DEFAULT_DELIVERY_LIMIT),
  timeBudgetMs: v.optional(wholeMs("timeBudgetMs", 0), DEFAULT_TIME_BUDGET_MS),
});

export function senderOptions(input: unknown) {
  return parse("createWebhookSender", SenderOptions, input);
}

export function deliveryOptions(input: unknown) {
  return parse("deliverPending", RunOptions, input);
}

function parse<T extends v.GenericSchema>(where: string, schema: T, input: unknown): v.InferOutput<T> {
  const parsed = v.safeParse(schema, input);
  if (!parsed.success) throw new Error(`${where}: ${parsed.issues.map((issue) => issue.message).join("; ")}`);
  return parsed.output;
}
