/**
 * Queue messages the worker gave up on, through the API: listed newest first (keyset paged), replayed once by an
 * admin with a write token (the same message back on the queue, recorded with the admin), refused in words otherwise.
 */
import { describe, expect, it } from "vitest";
import { DeadLetterReplayResultSchema, DeadLettersListResponseSchema } from "../../../../shared/api/dead-letters";
import { API_PATHS } from "../../../../shared/api/paths";
import { MAX_ATTEMPTS } from "../../../../worker/jobs/consumer";
import { type SyncMessage, webshopEventMessage } from "../../../../worker/messages/message";
import { activityRows } from "../../jobs/tables";
import { type ApiWorld, createApiWorld } from "./api-world";

/** A shop webhook's message for a customer while the shop answers 503: the consumer gives up after its attempts. */
async function deadLetteredEvent(world: ApiWorld) {
  const customer = world.shop.seed.customer({ kind: "company", name: "Nede AS" });
  world.shop.faults.add({ kind: "status", status: 503, method: "GET", path: /\/customers\//, times: Infinity });
  const message = webshopEventMessage("msg_dead_1", {
    resource: "customers",
    id: customer.id,
    version: 1,
    type: "customer.updated",
  });
  await world.queue.queue.send(message);
  await world.drainQueue();
  world.shop.faults.clear();
  return { customer, message };
}

/** Messages the consumer cannot read are dead-lettered at once. */
async function unreadable(world: ApiWorld, count: number) {
  for (let n = 1; n <= count; n++) {
    await world.queue.queue.send({ v: 1, kind: "poweroffice-page", page: n } as unknown as SyncMessage);
  }
  await world.drainQueue();
}

describe("dead letters through the API", () => {
  it("lists a message the consumer gave up on, in words, to a read token", async () => {
    const world = await createApiWorld();
    const { customer } = await deadLetteredEvent(world);
    const list = await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters, { token: "read" });
    expect(list.nextCursor).toBeNull();
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      kind: "webshop-event",
      attempts: MAX_ATTEMPTS,
      replayable: true,
      replayedAt: null,
    });
    expect(list.data[0]!.summary).toContain(customer.id);
    expect(list.data[0]!.reason).toMatch(/^Gave up after 5 attempts: The webshop failed with HTTP 503/);
  });

  it("replays it once: the same message back on the queue, a second replay is 409, recorded with the admin", async () => {
    const world = await createApiWorld();
    const { message } = await deadLetteredEvent(world);
    const [letter] = (await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters)).data;
    const sentBefore = world.queue.sent.length;

    const refused = await world.refused("scope_insufficient", "POST", API_PATHS.replayDeadLetter(letter!.id), {
      token: "read",
    });
    expect(refused.status).toBe(403);
    expect(world.queue.sent).toHaveLength(sentBefore);

    const replayed = await world.ok(DeadLetterReplayResultSchema, "POST", API_PATHS.replayDeadLetter(letter!.id));
    expect(replayed.deadLetter).toMatchObject({ id: letter!.id, replayable: false });
    expect(replayed.deadLetter.replayedAt).not.toBeNull();
    expect(replayed.message).toMatch(/back on the queue/);
    expect(world.queue.sent.slice(sentBefore)).toEqual([message]);

    const twice = await world.refused("dead_letter_replayed", "POST", API_PATHS.replayDeadLetter(letter!.id));
    expect(twice.status).toBe(409);
    expect(twice.message).toMatch(/replayed at/);
    expect(world.queue.sent.slice(sentBefore)).toEqual([message]);

    const audited = await activityRows({ action: "replayed" });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ dataflow: "customers", link_id: null });
    expect(JSON.parse(audited[0]!.actor!)).toEqual({ sub: "test-admin" });
    expect(audited[0]!.message).toContain(`dead letter ${letter!.id}`);

    // Replayed letters leave the list unless asked for; the shop is back, so the replayed message now goes through.
    expect((await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters)).data).toEqual([]);
    const all = await world.ok(DeadLettersListResponseSchema, "GET", `${API_PATHS.deadLetters}?replayed=include`);
    expect(all.data.map((d) => d.replayedAt)).toEqual([replayed.deadLetter.replayedAt]);
    await world.drainQueue();
    expect((await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters)).data).toEqual([]);
  });

  it("answers 404 for an unknown id, 400 for a malformed one, 422 for a message it cannot read", async () => {
    const world = await createApiWorld();
    const missing = await world.refused("dead_letter_not_found", "POST", API_PATHS.replayDeadLetter(999_999));
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/999999/);
    await world.refused("invalid_request", "POST", "/api/dead-letters/abc/replay");

    await unreadable(world, 1);
    const [letter] = (await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters)).data;
    expect(letter).toMatchObject({ kind: "poweroffice-page", replayable: false, attempts: 1 });
    const sentBefore = world.queue.sent.length;
    const cannot = await world.refused("dead_letter_unreadable", "POST", API_PATHS.replayDeadLetter(letter!.id));
    expect(cannot.status).toBe(422);
    expect(world.queue.sent).toHaveLength(sentBefore);
    expect(await activityRows({ action: "replayed" })).toEqual([]);
  });

  it("pages newest first with the cursor it gives", async () => {
    const world = await createApiWorld();
    await unreadable(world, 3);
    const first = await world.ok(DeadLettersListResponseSchema, "GET", `${API_PATHS.deadLetters}?limit=2`);
    expect(first.data).toHaveLength(2);
    expect(first.data[0]!.id).toBeGreaterThan(first.data[1]!.id);
    expect(first.nextCursor).toBe(String(first.data[1]!.id));
    const second = await world.ok(
      DeadLettersListResponseSchema,
      "GET",
      `${API_PATHS.deadLetters}?limit=2&cursor=${first.nextCursor}`,
    );
    expect(second.data).toHaveLength(1);
    expect(second.data[0]!.id).toBeLessThan(first.data[1]!.id);
    expect(second.nextCursor).toBeNull();
    await world.refused("invalid_request", "GET", `${API_PATHS.deadLetters}?limit=0`);
  });
});
