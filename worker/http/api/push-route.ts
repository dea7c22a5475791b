/**
 * POST /api/push { resource, id } with an Idempotency-Key: sync one shop record to PowerOffice now, inside the
 * request, and answer with its new state. The same key answers the same for 24 h; with another body it is refused.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeySchema, PushRequestSchema } from "../../../shared/api/actions";
import type { WebshopRecordStatus } from "../../../shared/api/records";
import { LeaseLostError } from "../../core/ports";
import { fail } from "./api-failure";
import { audit } from "./audit";
import type { ApiEnv } from "./context";
import {
  keyHash,
  PUSH_LEASE_TTL_MS,
  pushLeaseName,
  readAnswer,
  rememberAnswer,
  type StoredAnswer,
} from "./push-answers";
import { DATAFLOWS_OF_RESOURCE, webshopLink, webshopRecordStatus } from "./records-routes";
import { readySync } from "./route-helpers";
import { jsonBody, parseInput } from "./validate";

export const REPLAYED_HEADER = "Idempotent-Replayed";

export const pushRoutes = new Hono<ApiEnv>().post("/push", async (c) => {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) {
    fail(
      "idempotency_key_missing",
      `Send an ${IDEMPOTENCY_KEY_HEADER} header (a new UUID per click), so a second click cannot push twice.`,
    );
  }
  parseInput(IdempotencyKeySchema, key, `${IDEMPOTENCY_KEY_HEADER} header`);
  const body = parseInput(PushRequestSchema, await jsonBody(c.req.raw), "body");
  const deps = c.var.deps();
  const sync = await readySync(deps);
  const kv = deps.cache;
  const hash = await keyHash(key!);
  const request = `${body.resource}/${body.id}`;

  const earlier = await readAnswer(kv, hash);
  if (earlier) return replay(c, earlier, request);
  const holder = `api-push:${crypto.randomUUID()}`;
  const lease = pushLeaseName(hash);
  // On the invocation's lease book: renewed while the push works and waits (a 429 may hold it for minutes), so a
  // second click never finds the key free while the first is still syncing.
  if (!(await deps.leases.take(lease, holder, PUSH_LEASE_TTL_MS))) inProgress();
  try {
    // The request that held the key before this one may have finished between the first read and the lease.
    const meanwhile = await readAnswer(kv, hash);
    if (meanwhile) return replay(c, meanwhile, request);
    let outcome: Awaited<ReturnType<typeof sync.engine.pushWebshopRecord>>;
    try {
      outcome = await sync.engineWith({}, { lease, holder }).pushWebshopRecord(body.resource, body.id);
    } catch (error) {
      // Lost the key (it could not be renewed): whoever holds it now does the push; nothing of this one was committed.
      if (error instanceof LeaseLostError) inProgress();
      throw error;
    }
    // What follows answers and gives the key back: it may use the reserve a sync that used the budget up left.
    deps.budget.closing();
    if (outcome.linkId === null && outcome.state === "skipped") {
      fail("record_not_found", outcome.message ?? `The webshop has no ${body.resource} record ${body.id}.`);
    }
    const link =
      outcome.linkId !== null
        ? await deps.store.links.get(outcome.linkId)
        : await webshopLink(deps, body.resource, body.id);
    const answer: WebshopRecordStatus = {
      ...webshopRecordStatus(body.resource, body.id, link, outcome.message),
      // A record the sync could not even read has no link: its state is the outcome's (error).
      state: link?.state ?? outcome.state,
    };
    await audit(c, deps, {
      dataflow: link?.dataflow ?? DATAFLOWS_OF_RESOURCE[body.resource][0]!,
      linkId: link?.id ?? null,
      action: "pushed",
      message: `Pushed by the admin: webshop ${body.resource} ${body.id}, now ${answer.state}${outcome.message ? ` (${outcome.message})` : ""}.`,
    });
    try {
      await rememberAnswer(kv, hash, { request, answer });
    } catch (error) {
      // The push itself happened; without the remembered answer a second click syncs once more, which is safe.
      deps.log(`push ${request}: its answer was not remembered (${String(error)})`);
    }
    return c.json(answer);
  } finally {
    await deps.leases.release(lease);
  }
});

function inProgress(): never {
  return fail(
    "push_in_progress",
    "This push is still running; its answer comes in a moment (try again in a few seconds).",
  );
}

function replay(c: Context<ApiEnv>, stored: StoredAnswer, request: string): Response {
  if (stored.request !== request) {
    fail(
      "idempotency_key_reused",
      `This ${IDEMPOTENCY_KEY_HEADER} was used for ${stored.request}; use a new key for ${request}.`,
    );
  }
  c.header(REPLAYED_HEADER, "true");
  return c.json(stored.answer);
}
