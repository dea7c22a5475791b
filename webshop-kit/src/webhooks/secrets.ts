/**
 * The webhook secrets the sender signs with: `whsec_` + base64 of at least 24 random bytes (docs/webshop-api.md §9),
 * one, or two during a rotation. The same shape the worker's WEBSHOP_WEBHOOK_SECRET accepts, so a secret the kit
 * takes is one the worker takes too.
 */
import * as v from "valibot";

const SHAPE = "whsec_ followed by base64 of at least 24 random bytes";
export const MIN_SECRET_BYTES = 24;

/** The raw key bytes of a well-formed secret, or null. */
function secretBytes(secret: string): Uint8Array<ArrayBuffer> | null {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!match?.[1]) return null;
  try {
    const bytes = Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0));
    return bytes.length >= MIN_SECRET_BYTES ? bytes : null;
  } catch {
    return null;
  }
}

const Secrets = v.pipe(
  v.union(
    [
      v.pipe(
        v.string(),
        v.transform((s) => s.trim().split(/\s+/).filter(Boolean)),
      ),
      v.array(v.string()),
    ],
    "secrets must be a string or an array of strings",
  ),
  v.check((list) => list.length > 0, `secrets is empty: give the secret the worker has (${SHAPE})`),
  v.check(
    (list) => list.length <= 2,
    "secrets holds more than two secrets: keep the new and the old one only while rotating",
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    dataset.value.forEach((secret, index) => {
      if (!secretBytes(secret)) {
        addIssue({
          message: `secrets[${index}] is malformed: it should be ${SHAPE} (echo "whsec_$(openssl rand -base64 32)")`,
        });
      }
    });
  }),
);

/** The HMAC keys of the secrets, in the order given (the new one first during a rotation); throws a clear Error. */
export function secretKeys(input: unknown): Promise<CryptoKey[]> {
  const parsed = v.safeParse(Secrets, input);
  if (!parsed.success) throw new Error(`createWebhookSender: ${parsed.issues.map((i) => i.message).join("; ")}`);
  return Promise.all(
    parsed.output.map((secret) =>
      crypto.subtle.importKey("raw", secretBytes(secret)!, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
    ),
  );
}
