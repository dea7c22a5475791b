/**
 * Links held back (paused, braked, waiting for the backfill gate) keep no retry time of their own while the hold
 * lasts; when it ends, this makes them due so the retry pass sends what they were holding.
 */
import type { DataflowId } from "../sync/types";
import type { EngineDeps } from "./deps";
import { iso } from "./run";

const PAGE = 100;

export async function makeDue(deps: EngineDeps, dataflow: DataflowId, code: string): Promise<void> {
  const now = iso(deps.clock.now());
  let afterId: number | undefined;
  for (;;) {
    const page = await deps.store.links.list({
      dataflow,
      state: "pending",
      limit: PAGE,
      ...(afterId ? { afterId } : {}),
    });
    const held = page
      .filter((link) => link.lastError?.code === code)
      .map(({ updatedAt: _updatedAt, ...link }) => ({ ...link, nextRetryAt: now }));
    if (held.length > 0) await deps.store.commit({ links: held, activity: [] });
    if (page.length < PAGE) return;
    afterId = page.at(-1)?.id;
  }
}
