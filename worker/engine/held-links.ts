/**
 * Links held back (paused, braked, waiting for the backfill gate) keep no retry time of their own while the hold
 * lasts; when it ends, this makes them due so the retry pass sends what they were holding.
 */
import { StaleLinkError } from "../core/ports";
import type { DataflowId } from "../core/types";
import type { EngineDeps } from "./engine-options";
import { MAX_RESYNCS } from "./limits";
import { iso } from "./run";

const PAGE = 100;

export async function makeDue(deps: EngineDeps, dataflow: DataflowId, code: string): Promise<void> {
  const now = iso(deps.clock.now());
  let afterId: number | undefined;
  let stale = 0;
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
    if (held.length > 0) {
      try {
        await deps.store.commit({ links: held, activity: [] });
      } catch (error) {
        // A sync wrote one of them meanwhile: read the page again (a link synced meanwhile is no longer held).
        if (!(error instanceof StaleLinkError) || ++stale > MAX_RESYNCS) throw error;
        continue;
      }
    }
    if (page.length < PAGE) return;
    afterId = page.at(-1)?.id;
  }
}
