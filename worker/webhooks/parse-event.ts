/** Turns a verified webhook body into the event the inbox records, or says exactly what is wrong with it. */
import * as v from "valibot";
import {
  EVENT_RESOURCE,
  type Resource,
  WEBHOOK_EVENT_TYPES,
  WebhookEvent,
  type WebhookEventType,
} from "../../shared/webshop";

export interface ShopEvent {
  type: WebhookEventType;
  resource: Resource;
  id: string;
  /** The version the event names; the consumer reads the current one anyway. */
  version: number;
}

export type EventParse =
  /** `data`: the event's `data` as sent; it may carry the whole record at `event.version` (webshop-api.md §4). */
  | { ok: true; event: ShopEvent; data: Record<string, unknown> }
  | { ok: false; reason: "not-json"; message: string }
  /** A type this worker does not know (a newer shop's): nothing else in the body is judged, its shape is not ours. */
  | { ok: false; reason: "unknown-type"; type: string }
  | { ok: false; reason: "not-an-event"; message: string; issues: Array<{ path: string; message: string }> };

/** Any event envelope names its type; a type outside the contract's list is a newer shop's, not a broken one. */
const AnyTypedEvent = v.looseObject({ type: v.pipe(v.string(), v.minLength(1), v.maxLength(255)) });
const KNOWN_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

export function parseShopEvent(body: Uint8Array): EventParse {
  let json: unknown;
  try {
    // fatal: a body that is not UTF-8 is malformed, not silently patched with U+FFFD.
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: "not-json", message: `The body is not UTF-8 JSON: ${why}` };
  }
  const typed = v.safeParse(AnyTypedEvent, json);
  if (typed.success && !KNOWN_TYPES.has(typed.output.type)) {
    return { ok: false, reason: "unknown-type", type: typed.output.type };
  }
  const parsed = v.safeParse(WebhookEvent, json);
  if (!parsed.success) {
    const issues = parsed.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? "(body)",
      message: issue.message,
    }));
    const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    return {
      ok: false,
      reason: "not-an-event",
      message: `The body is not a webhook event of the contract ({"type","timestamp","data":{"id","version"}}): ${list}`,
      issues,
    };
  }
  const { type, data } = parsed.output;
  const singular = type.slice(0, type.indexOf(".")) as keyof typeof EVENT_RESOURCE;
  return {
    ok: true,
    event: { type, resource: EVENT_RESOURCE[singular], id: data.id, version: data.version },
    data,
  };
}
