/** Turns a verified webhook body into the event the inbox records, or says exactly what is wrong with it. */
import * as v from "valibot";
import { EVENT_RESOURCE, type Resource, WebhookEvent, type WebhookEventType } from "../../shared/webshop";

export interface ShopEvent {
  type: WebhookEventType;
  resource: Resource;
  id: string;
  /** The version the event names; the consumer reads the current one anyway. */
  version: number;
}

export type EventParse =
  | { ok: true; event: ShopEvent }
  | { ok: false; reason: "not-json"; message: string }
  | { ok: false; reason: "not-an-event"; message: string; issues: Array<{ path: string; message: string }> };

export function parseShopEvent(body: Uint8Array): EventParse {
  let json: unknown;
  try {
    // fatal: a body that is not UTF-8 is malformed, not silently patched with U+FFFD.
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: "not-json", message: `The body is not UTF-8 JSON: ${why}` };
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
  return { ok: true, event: { type, resource: EVENT_RESOURCE[singular], id: data.id, version: data.version } };
}
