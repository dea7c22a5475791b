/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>"
 * keyed with the secret's bytes, sent as `v1,<base64>`; one signature per secret, space-separated, so a receiver that
 * knows either secret accepts during a rotation. Web Crypto, which Node ≥ 20, Workers, Deno and Bun all have; not the
 * `standardwebhooks` package: docs/libraries.md says why.
 */

/** The `webhook-signature` header for one attempt: the exact body bytes sent, the attempt's own timestamp. */
export async function signatureHeader(keys: readonly CryptoKey[], id: string, timestamp: number, body: string) {
  const content = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(
    keys.map(async (key) => `v1,${toBase64(new Uint8Array(await crypto.subtle.sign("HMAC", key, content)))}`),
  );
  return signatures.join(" ");
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
