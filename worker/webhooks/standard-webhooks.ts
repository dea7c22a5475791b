/**
 * Verifies a Standard Webhooks request (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * HMAC-SHA256 with a `whsec_` secret over "<webhook-id>.<webhook-timestamp>.<raw body>", `v1,<base64>` signatures.
 * Own code rather than the `standardwebhooks` package, which reads Date.now() and re-formats the timestamp it
 * verifies: docs/libraries.md.
 */

/** The spec's default tolerance: a timestamp more than five minutes off either way is refused (replay protection). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;
/** Only this many `v1` signatures of one header are tried, so a huge header cannot cost many HMACs. */
export const MAX_SIGNATURES = 10;

// Webhook ids are the dedup key stored in D1; the spec sets no limit, the contract's are at most 255 characters.
import { MAX_WEBHOOK_ID_LENGTH } from "../../shared/webshop";

export type SignatureHeader = "webhook-id" | "webhook-timestamp" | "webhook-signature";

export interface SignedHeaders {
  id: string;
  /** Unix seconds. */
  timestamp: number;
  /** The header as sent: what was signed (it may differ from String(timestamp), e.g. by leading zeros). */
  timestampText: string;
  /** The decoded bytes of every `v1` signature (at most MAX_SIGNATURES). */
  signatures: Uint8Array<ArrayBuffer>[];
}

/** Why a request is not authentic; each maps to a 401 (or 400 for an unusable id) that says which. */
export type VerifyFailure =
  | { reason: "missing-header"; header: SignatureHeader }
  | { reason: "invalid-id"; length: number }
  | { reason: "invalid-timestamp"; value: string }
  | { reason: "timestamp-too-old"; skewSeconds: number }
  | { reason: "timestamp-in-future"; skewSeconds: number }
  | { reason: "no-v1-signature" }
  | { reason: "signature-mismatch"; tried: number };

export type HeaderCheck = { ok: true; signed: SignedHeaders } | { ok: false; failure: VerifyFailure };

/** Reads and checks the three headers and the timestamp's age, before any body byte is read. */
export function readSignedHeaders(headers: Headers, nowMs: number): HeaderCheck {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signature = headers.get("webhook-signature");
  if (!id) return fail({ reason: "missing-header", header: "webhook-id" });
  if (!timestamp) return fail({ reason: "missing-header", header: "webhook-timestamp" });
  if (!signature) return fail({ reason: "missing-header", header: "webhook-signature" });
  // Printable ASCII only: the id is a primary key and appears in logs and messages.
  if (id.length > MAX_WEBHOOK_ID_LENGTH || !/^[\x21-\x7e]+$/.test(id)) {
    return fail({ reason: "invalid-id", length: id.length });
  }
  const timestampText = timestamp.trim();
  if (!/^\d{1,12}$/.test(timestampText)) return fail({ reason: "invalid-timestamp", value: timestamp.slice(0, 40) });
  const seconds = Number(timestampText);
  const skew = Math.floor(nowMs / 1000) - seconds;
  if (skew > TIMESTAMP_TOLERANCE_SECONDS) return fail({ reason: "timestamp-too-old", skewSeconds: skew });
  if (-skew > TIMESTAMP_TOLERANCE_SECONDS) return fail({ reason: "timestamp-in-future", skewSeconds: -skew });
  const signatures = v1Signatures(signature);
  if (signatures.length === 0) return fail({ reason: "no-v1-signature" });
  return { ok: true, signed: { id, timestamp: seconds, timestampText, signatures } };
}

/**
 * True when any signature matches any secret (two during a rotation). `crypto.subtle.verify` compares the MAC in
 * constant time, so no byte of the expected signature leaks through timing.
 */
export async function verifySignature(secrets: readonly string[], signed: SignedHeaders, body: Uint8Array) {
  const content = signedContent(signed.id, signed.timestampText, body);
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const signature of signed.signatures) {
      if (await crypto.subtle.verify("HMAC", key, signature, content)) return true;
    }
  }
  return false;
}

/** The exact bytes signed: the body as received, never re-encoded (a parse and re-serialise would change them). */
function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  return content;
}

/** `v1,<base64>` entries separated by spaces; other versions (e.g. `v1a` asymmetric) and bad base64 are skipped. */
function v1Signatures(header: string): Uint8Array<ArrayBuffer>[] {
  const found: Uint8Array<ArrayBuffer>[] = [];
  for (const entry of header.trim().split(/\s+/)) {
    if (found.length >= MAX_SIGNATURES) break;
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    const bytes = decodeBase64(value);
    if (bytes) found.push(bytes);
  }
  return found;
}

// Keys are imported once per secret and isolate; the secret strings come from configuration only.
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = decodeBase64(secret.replace(/^whsec_/, ""));
    if (!raw) return Promise.reject(new Error("a webhook secret is not base64 (config should have refused it)"));
    key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    keys.set(secret, key);
  }
  return key;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const fail = (failure: VerifyFailure): HeaderCheck => ({ ok: false, failure });
