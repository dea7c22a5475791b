/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): HMAC-SHA256 over "<id>.<timestamp>.<body>" with the
 * base64-decoded part of the `whsec_` secret as key, sent as `webhook-signature: v1,<base64>`. WebCrypto only.
 */
import { base64ToBytes, bytesToBase64 } from "../../../../webshop-kit/src/core/base64";

/** The key bytes of a `whsec_<base64>` secret (the prefix is optional, as in the reference libraries). */
export function secretKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64ToBytes(encoded);
  } catch {
    throw new Error("webhook secret must be whsec_ followed by base64");
  }
  if (bytes.length === 0) throw new Error("webhook secret is empty");
  return bytes;
}

export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", secretKeyBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

/** `msg_` and 24 random base62 characters, unique per event (the receiver's dedup key). */
export function newWebhookId(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const random = crypto.getRandomValues(new Uint8Array(24));
  return `msg_${Array.from(random, (b) => alphabet[b % alphabet.length]).join("")}`;
}
