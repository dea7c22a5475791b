/**
 * The size limit on every request body /api reads (Hono's bodyLimit: by Content-Length when the request declares
 * one, else counted as the body streams), refused as `payload_too_large` in words before any route reads it.
 */
import { bodyLimit } from "hono/body-limit";
import { fail } from "./api-failure";

/**
 * The largest /api body: the widget's requests are a few hundred bytes (a push names one record, a resolve one
 * choice per conflicting property), so 16 KiB is ample and keeps a caller from making the worker buffer more.
 */
export const MAX_API_BODY_BYTES = 16 * 1024;

export const apiBodyLimit = bodyLimit({
  maxSize: MAX_API_BODY_BYTES,
  onError: () =>
    fail(
      "payload_too_large",
      `The request body is larger than ${MAX_API_BODY_BYTES} bytes, more than any /api request needs; see docs/widget.md for what each route takes.`,
    ),
});
