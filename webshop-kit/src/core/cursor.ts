/**
 * The change feed's opaque cursor: the last (updated_at, id) returned, so the next page starts exactly after it.
 * Encoded as base64url JSON with the resource, so a cursor from one feed is refused by another.
 */
import type { FeedPosition, Resource } from "../adapter.js";
import { base64UrlToText, textToBase64Url } from "./base64.js";

/** null is the very beginning of the feed. */
export function encodeCursor(resource: Resource, position: FeedPosition | null): string {
  return textToBase64Url(
    JSON.stringify({ v: 1, r: resource, u: position?.updatedAt ?? null, i: position?.id ?? null }),
  );
}

/** undefined when the text is not a cursor this shop issued for this resource; null is the beginning. */
export function decodeCursor(resource: Resource, text: string): FeedPosition | null | undefined {
  const decoded = parseCursor(text);
  if (!decoded || decoded.r !== resource) return undefined;
  const { u, i } = decoded;
  if (!(u === null || typeof u === "string") || !(i === null || typeof i === "string")) return undefined;
  if (u === null) return i === null ? null : undefined;
  return { updatedAt: u, id: i };
}

/** The cursor's JSON object, or null when the text is not one (any version-1 cursor, whatever its resource). */
export function parseCursor(text: string): Record<string, unknown> | null {
  const json = base64UrlToText(text);
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && (value as { v?: unknown }).v === 1
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
