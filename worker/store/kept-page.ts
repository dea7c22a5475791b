/**
 * A kept feed page as read back from the store. The store wrote it itself, but a row written by an older or newer
 * version of the worker may not have the shape this one expects: such a page is not trusted, and the feed is simply
 * read again from its cursor (the records it held are then read afresh, nothing is lost).
 */
import * as v from "valibot";
import type { KeptPage } from "../core/ports";

const RecordSchema = v.object({
  id: v.string(),
  marker: v.string(),
  changedAt: v.number(),
  archived: v.boolean(),
  raw: v.unknown(),
  partial: v.optional(v.boolean()),
});

const KeptPageSchema = v.object({
  records: v.array(RecordSchema),
  after: v.unknown(),
  done: v.boolean(),
  readAt: v.number(),
});

export function keptPageOf(text: string | null): KeptPage | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = v.safeParse(KeptPageSchema, json);
  return parsed.success ? (parsed.output as KeptPage) : null;
}
