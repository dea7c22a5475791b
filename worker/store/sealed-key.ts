/**
 * The PowerOffice client key at rest: AES-256-GCM through WebCrypto under CREDENTIALS_KEY, a random 96-bit IV per
 * sealing, and the connection's id as additional data (a sealed key copied onto another connection row does not
 * open). Stored as `v1.<iv>.<ciphertext+tag>`, both base64url. A wrong key or an altered value opens to null.
 */
import { base64urlDecode, base64urlEncode } from "../../shared/api/base64url";

const VERSION = "v1";
const IV_BYTES = 12;

function importKey(raw: Uint8Array, use: "encrypt" | "decrypt"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new Uint8Array(raw), { name: "AES-GCM" }, false, [use]);
}

export async function sealClientKey(clientKey: string, key: Uint8Array, connectionId: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(connectionId) },
    await importKey(key, "encrypt"),
    new TextEncoder().encode(clientKey),
  );
  return `${VERSION}.${base64urlEncode(iv)}.${base64urlEncode(new Uint8Array(sealed))}`;
}

/** The client key, or null when `key` is not the one it was sealed with or the value was altered. */
export async function openClientKey(sealed: string, key: Uint8Array, connectionId: string): Promise<string | null> {
  const [version, ivText, dataText] = sealed.split(".");
  const iv = base64urlDecode(ivText ?? "");
  const data = base64urlDecode(dataText ?? "");
  if (version !== VERSION || iv?.length !== IV_BYTES || !data) return null;
  try {
    const opened = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(connectionId) },
      await importKey(key, "decrypt"),
      data,
    );
    return new TextDecoder().decode(opened);
  } catch {
    return null;
  }
}
