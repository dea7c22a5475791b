/**
 * Queue messages the worker gave up on (docs/webhooks.md): the list, newest first, and the admin's replay, which puts
 * the very same message back on the queue once (a second click is refused, nothing is sent twice).
 */
import { Hono } from "hono";
import { DeadLetterIdParamSchema, DeadLettersQuerySchema } from "../../../shared/api/dead-letters";
import type { ErrorCode } from "../../../shared/api/errors";
import type { ReplayResult } from "../../messages/dead-letters";
import { fail } from "./api-failure";
import { audit } from "./audit";
import type { ApiEnv } from "./context";
import { dataflowOfMessage, deadLetterView, readMessage } from "./dead-letter-view";
import { parseInput } from "./validate";

const REFUSAL: Record<Extract<ReplayResult, { ok: false }>["reason"], { code: ErrorCode; advice: string }> = {
  "not-found": { code: "dead_letter_not_found", advice: "reload the list." },
  "already-replayed": {
    code: "dead_letter_replayed",
    advice: "it went back on the queue then; nothing was sent again.",
  },
  "not-replayable": {
    code: "dead_letter_unreadable",
    advice:
      "the worker would only give up on it again; the reason says what is wrong with it, for the shop's developer.",
  },
};

export const deadLetterRoutes = new Hono<ApiEnv>()
  .get("/dead-letters", async (c) => {
    const query = parseInput(DeadLettersQuerySchema, c.req.query(), "query");
    const deps = c.var.deps();
    // One more than asked tells whether another page follows.
    const letters = await deps.deadLetters.list({
      includeReplayed: query.replayed === "include",
      ...(query.cursor ? { beforeId: Number(query.cursor) } : {}),
      limit: query.limit + 1,
    });
    const page = letters.slice(0, query.limit);
    const more = letters.length > query.limit;
    return c.json({ data: page.map(deadLetterView), nextCursor: more ? String(page.at(-1)!.id) : null });
  })
  .post("/dead-letters/:id/replay", async (c) => {
    const id = parseInput(DeadLetterIdParamSchema, c.req.param("id"), "dead letter id");
    const deps = c.var.deps();
    const result = await deps.deadLetters.replay(id, deps.queue, new Date(deps.now()).toISOString());
    if (!result.ok) {
      const refusal = REFUSAL[result.reason];
      return fail(refusal.code, `${result.message.replace(/\.$/, "")}: ${refusal.advice}`);
    }
    const view = deadLetterView(result.deadLetter);
    const message = `Dead letter ${id} (${view.summary}) is back on the queue, once; the worker takes it up again shortly.`;
    await audit(c, deps, {
      dataflow: await dataflowOfMessage(deps, readMessage(result.deadLetter)!),
      linkId: null,
      action: "replayed",
      message: `Replayed by the admin: dead letter ${id} (${view.summary}) is back on the queue.`,
    });
    return c.json({ deadLetter: view, message });
  });
