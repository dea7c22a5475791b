/**
 * Creates that happen once however often they are sent. Each POST carries the caller's deterministic
 * Idempotency-Key (the engine derives it from the link); the shop stores the first completed answer for 24 h and
 * returns it again for the same key and body. So a lost answer, a timeout, a 5xx or a 429 is simply sent again
 * with the SAME key (retry-policy.ts), and a later run with the same key gets the same record.
 *
 *   POST ─ 2xx ─────────────────────────────▶ record (re-sent? check no second record carries our external id)
 *     ├─ lost / 5xx / 429 ─▶ same POST, same key (bounded, backoff)
 *     ├─ 409 idempotency_mismatch ─▶ typed error: the body changed since the key was first used; re-plan
 *     └─ 409 duplicate ─▶ typed error with the existing id when the shop names it
 */
import type { ExternalIdKey, Resource } from "../../../shared/webshop";
import { EXTERNAL_ID_KEYS } from "../../../shared/webshop";
import type { Api } from "./api";
import { contractViolation, ENTITY, fail, invalidInput, ok, type Result } from "./errors";
import { checkInput } from "./input";
import { findByExternalId } from "./lookups";
import { type CreateOf, RESOURCE_SPECS, type RecordOf } from "./resources";
import { errorForStatus, readShopError } from "./shop-error";
import { readRecord } from "./validate";

/** The contract's bounds; visible ASCII only, so the key is a valid header value that no proxy trims. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

export async function createOnce<R extends Resource>(
  api: Api,
  resource: R,
  body: CreateOf<R>,
  idempotencyKey: string,
): Promise<Result<RecordOf<R>>> {
  if (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return fail(invalidInput(resource, "Idempotency-Key", idempotencyKey, "must be 1-255 visible ASCII characters"));
  }
  const checked = checkInput(resource, RESOURCE_SPECS[resource].create, body);
  if (!checked.ok) return checked;
  const path = `/${resource}`;
  const operation = `POST ${path}`;
  const res = await api.send({
    method: "POST",
    path,
    // The caller's body as given: a re-sent create must be byte-for-byte the body the key was first used with.
    body,
    headers: { "Idempotency-Key": idempotencyKey },
    resource,
    passThrough: [409],
  });
  if (!res.ok) return res;
  if (res.value.status === 409) {
    const shopError = readShopError(res.value.body);
    if (shopError?.code === "idempotency_mismatch") {
      return fail({
        kind: "idempotency-mismatch",
        operation,
        resource,
        idempotencyKey,
        shopError,
        message: `The webshop refused to create the ${ENTITY[resource]}: Idempotency-Key ${idempotencyKey} was used before with different content. The sync re-reads the record and plans the create again.`,
      });
    }
    return fail(errorForStatus(409, shopError, { operation, resource }));
  }
  const record = readRecord(resource, res.value, operation);
  if (!record.ok || res.value.attempts === 1) return record;
  return checkSingle(api, resource, body, record.value, operation);
}

/**
 * After a re-send, a shop that ignored the key would have made a second record. When the body carries one of our
 * external ids, look it up: more than one record with it means the shop broke the contract, and the engine must
 * know (it has two records to clean up) rather than link one and leave the other.
 */
async function checkSingle<R extends Resource>(
  api: Api,
  resource: R,
  body: CreateOf<R>,
  record: RecordOf<R>,
  operation: string,
): Promise<Result<RecordOf<R>>> {
  const ids = (body as { external_ids?: Record<string, string> }).external_ids ?? {};
  const entry = Object.entries(ids).find(([key]) => (EXTERNAL_ID_KEYS as readonly string[]).includes(key));
  if (!entry) return ok(record);
  const [key, value] = entry;
  const found = await findByExternalId(api, resource, key as ExternalIdKey, value);
  if (!found.ok || found.value.length <= 1) return ok(record);
  const recordIds = found.value.map((r) => r.id);
  return fail(
    contractViolation(
      resource,
      operation,
      "idempotency-key-ignored",
      `a create re-sent with the same Idempotency-Key made ${recordIds.length} ${resource} carrying ${key}:${value} (${recordIds.join(", ")})`,
      { ids: recordIds, key, value },
      record.id,
    ),
  );
}
