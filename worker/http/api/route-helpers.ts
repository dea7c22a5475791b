/** What the action routes share: the engine (or a 503 when the sync is not configured), a link (or a 404), the answer. */
import type { Context } from "hono";
import type { ActionResult } from "../../../shared/api/actions";
import { LinkIdParamSchema } from "../../../shared/api/actions";
import type { Link } from "../../core/types";
import type { SyncResult } from "../../engine/engine";
import type { Deps, SyncSetup } from "../../wiring/build-deps";
import { syncOffBecause } from "../../wiring/poweroffice-connection";
import { fail } from "./api-failure";
import type { ApiEnv } from "./context";
import { recordSummary } from "./record-summary";
import { parseInput } from "./validate";

export type ReadySync = Extract<SyncSetup, { ok: true }>;

/** The sync, when it may run: configured, and PowerOffice connected (else a refusal that says what to do). */
export async function readySync(deps: Deps): Promise<ReadySync> {
  if (!deps.sync.ok) {
    return fail(
      "not_configured",
      "The sync is off until the worker's configuration is complete (its /health says what is missing).",
    );
  }
  const off = await syncOffBecause(deps);
  if (off) fail("not_connected", off);
  return deps.sync;
}

export const linkIdParam = (c: Context<ApiEnv>): number =>
  parseInput(LinkIdParamSchema, c.req.param("linkId"), "link id");

export async function existingLink(deps: Deps, linkId: number): Promise<Link> {
  const link = await deps.store.links.get(linkId);
  return link ?? fail("link_not_found", `There is no record with link id ${linkId}; reload the list.`);
}

/** The engine's answer with the link as it now stands. */
export async function actionResult(deps: Deps, result: SyncResult): Promise<ActionResult> {
  const link = result.linkId === null ? null : await deps.store.links.get(result.linkId);
  return {
    linkId: result.linkId,
    state: result.state,
    message: result.message,
    record: link ? recordSummary(link) : null,
  };
}
