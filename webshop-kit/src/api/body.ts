/** Reads a JSON request body: JSON media types only (415 otherwise), syntax errors named (400). */
import { badRequest, errorResponse } from "./errors.js";

export type BodyRead = { ok: true; value: unknown; text: string } | { ok: false; response: Response };

export async function readJsonBody(request: Request): Promise<BodyRead> {
  const type = request.headers.get("content-type");
  // application/json and application/merge-patch+json (RFC 7396's own type) and other +json types.
  if (type && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    const message = `Content-Type '${type}' is not supported; send application/json`;
    return { ok: false, response: errorResponse(415, "unsupported_media_type", message) };
  }
  const text = await request.text();
  if (!text.trim()) return { ok: false, response: badRequest("body", { body: "is empty; send a JSON object" }) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, response: badRequest("body", { body: `is not valid JSON (${reason})` }) };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, response: badRequest("body", { body: "must be a JSON object" }) };
  }
  return { ok: true, value, text };
}
