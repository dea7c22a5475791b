/**
 * Reads a request body as raw bytes, refusing more than a limit both by Content-Length and by the bytes that arrive.
 * Called only after the signature headers and the timestamp passed, which hono/body-limit, a middleware that reads
 * the body first, cannot do (docs/libraries.md).
 */

/**
 * A contract event is `{type, timestamp, data}` and `data` may carry the whole record: an order with a few hundred
 * lines is well under 256 KiB. Queues accept 128 KB per message, but only the small reference goes on the queue.
 */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export type BodyRead =
  | { ok: true; bytes: Uint8Array }
  /** `declared` when Content-Length already said so (nothing was read); else the stream passed the limit. */
  | { ok: false; reason: "too-large"; limit: number; declared?: number };

export async function readLimitedBody(request: Request, limit = MAX_WEBHOOK_BODY_BYTES): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel();
    return { ok: false, reason: "too-large", limit, declared };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  // Counted as it streams: Content-Length may be absent (chunked) or wrong, and the body must never be buffered whole
  // before we know it fits.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return { ok: false, reason: "too-large", limit };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
