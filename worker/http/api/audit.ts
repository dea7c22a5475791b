/**
 * Every admin action is recorded in the activity log with the widget token's `sub` (docs/widget.md). Link, unlink,
 * relink and the brake release write their entry in the engine's own commit; push, retry, replay, resolve, pause
 * and resume write it here once the action has run. A refused request changed nothing and is not recorded.
 */
import type { Context } from "hono";
import type { ActivityEntry, Actor } from "../../core/types";
import { adminEntry } from "../../engine/admin";
import type { Deps } from "../../wiring/build-deps";
import type { ApiEnv } from "./context";

/** Longest `sub` kept in the log: a token's subject is the shop's admin id, not a document. */
const MAX_SUB_LENGTH = 200;

export function actorOf(c: Context<ApiEnv>): Actor {
  const sub = c.var.claims.sub;
  return { sub: sub === undefined ? null : sub.slice(0, MAX_SUB_LENGTH) };
}

export async function audit(
  c: Context<ApiEnv>,
  deps: Deps,
  entry: Pick<ActivityEntry, "dataflow" | "linkId" | "action" | "message">,
): Promise<void> {
  // The record of what was done is a closing step: it may use the reserve an action that spent the budget left.
  deps.budget.closing();
  await deps.store.commit({ links: [], activity: [adminEntry(deps.now(), actorOf(c), entry)] });
}
