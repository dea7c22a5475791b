/**
 * GET /api/status counts the queue messages the worker gave up on and nobody replayed yet
 * (`attention.queueDeadLetters`), in the same single D1 batch as the rest of the status.
 */
import { describe, expect, it } from "vitest";
import { DeadLetterReplayResultSchema, DeadLettersListResponseSchema } from "../../../../shared/api/dead-letters";
import { API_PATHS } from "../../../../shared/api/paths";
import { StatusResponseSchema } from "../../../../shared/api/status";
import { type SyncMessage, webshopEventMessage } from "../../../../worker/messages/message";
import { createApiWorld } from "./api-world";

describe("GET /api/status: queue dead letters", () => {
  it("counts the unreplayed ones: unreadable and given-up messages in, replayed ones out", async () => {
    const world = await createApiWorld();
    const status = () => world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect((await status()).attention.queueDeadLetters).toBe(0);

    // Two the consumer cannot read (dead-lettered at once) and one that failed its every attempt.
    for (let n = 1; n <= 2; n++) {
      await world.queue.queue.send({ v: 1, kind: "poweroffice-page", page: n } as unknown as SyncMessage);
    }
    const customer = world.shop.seed.customer({ kind: "company", name: "Nede AS" });
    world.shop.faults.add({ kind: "status", status: 503, method: "GET", path: /\/customers\//, times: Infinity });
    await world.queue.queue.send(
      webshopEventMessage("msg_status_dead", {
        resource: "customers",
        id: customer.id,
        version: 1,
        type: "customer.updated",
      }),
    );
    await world.drainQueue();
    world.shop.faults.clear();

    const counted = await status();
    expect(counted.attention.queueDeadLetters).toBe(3);
    // Records that used up their attempts are another count: none of these messages made a link fail.
    expect(counted.attention.deadLetters).toBe(0);

    const { data } = await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters);
    const replayable = data.find((letter) => letter.replayable)!;
    await world.ok(DeadLetterReplayResultSchema, "POST", API_PATHS.replayDeadLetter(replayable.id));
    expect((await status()).attention.queueDeadLetters).toBe(2);
  });
});
