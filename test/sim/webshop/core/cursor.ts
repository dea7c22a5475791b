/**
 * The change feed's opaque cursor: the last (updated_at, id) returned, so the next page starts exactly after it.
 * Encoded as base64url JSON with the resource, so a cursor from one feed is refused by another.
 * The `unstableCursors` quirk uses an offset into the current sort instead, which is what breaks it.
 */
import type { Resource } from "../types";
import { base64UrlToText, textToBase64Url } from "./base64";

/**
 * A place in the (updated_at, id) order. `updatedAt: null` is the very beginning; `id: null` is after every record
 * at `updatedAt` (the start an `updated_after` asks for).
 */
export interface FeedPosition {
  updatedAt: string | null;
  id: string | null;
}

export const FEED_START: FeedPosition = { updatedAt: null, id: null };

export function encodeCursor(resource: Resource, position: FeedPosition): string {
  return textToBase64Url(JSON.stringify({ v: 1, r: resource, u: position.updatedAt, i: position.id }));
}

export function encodeOffsetCursor(resource: Resource, offset: number): string {
  return textToBase64Url(JSON.stringify({ v: 1, r: resource, o: offset }));
}

/** null when the text is not a cursor this shop issued for this resource. */
export function decodeCursor(resource: Resource, text: string): FeedPosition | null {
  const decoded = parse(text);
  if (!decoded || decoded.r !== resource) return null;
  const { u, i } = decoded;
  if (!(u === null || typeof u === "string") || !(i === null || typeof i === "string")) return null;
  if (u === null && i !== null) return null;
  return { updatedAt: u, id: i };
}

export function decodeOffsetCursor(resource: Resource, text: string): number | null {
  const decoded = parse(text);
  if (!decoded || decoded.r !== resource) return null;
  return Number.isInteger(decoded.o) && (decoded.o as number) >= 0 ? (decoded.o as number) : null;
}

function parse(text: string): Record<string, unknown> | null {
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

/** Whether a record at (updatedAt, id) comes after the position in feed order. */
export function isAfter(position: FeedPosition, updatedAt: string, id: string): boolean {
  if (position.updatedAt === null) return true;
  if (updatedAt !== position.updatedAt) return updatedAt > position.updatedAt;
  return position.id !== null && id > position.id;
}

/** Feed order: (updated_at, id) ascending. RFC 3339 UTC times with fixed width compare correctly as text. */
export function feedOrder(a: { updated_at: string; id: string }, b: { updated_at: string; id: string }): number {
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
