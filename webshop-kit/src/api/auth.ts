/**
 * Bearer tokens: several may be valid at once (two while a token is rotated). Tokens are compared by their SHA-256
 * digests, every byte and every token, so the time an answer takes says nothing about how much of a guess was right.
 */
import { errorResponse } from "./errors.js";

export type TokenCheck = (request: Request) => Promise<Response | null>;

/** A check answering the 401 for a request without a valid token, or null to let it through. */
export function bearerCheck(tokens: string | readonly string[]): TokenCheck {
  const list = typeof tokens === "string" ? [tokens] : [...tokens];
  if (list.length === 0 || list.some((token) => typeof token !== "string" || token.trim() === "")) {
    throw new Error("createWebshopApi: `tokens` must be one token or a list of non-empty tokens");
  }
  const digests = Promise.all(list.map(digest));
  return async (request) => {
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && matchesAny(await digests, await digest(match[1]!))) return null;
    const message = header
      ? "The bearer token is not valid for this shop; send one of the shop's API tokens"
      : "Send Authorization: Bearer <token>";
    return errorResponse(401, "unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="webshop"' });
  };
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function matchesAny(known: Uint8Array[], given: Uint8Array): boolean {
  let found = 0;
  for (const candidate of known) {
    let difference = 0;
    for (let i = 0; i < candidate.length; i++) difference |= candidate[i]! ^ given[i]!;
    found |= difference === 0 ? 1 : 0;
  }
  return found === 1;
}
