/**
 * Reasons not to write now, asked before a record's writes go out: a paused direction, the customers backfill gate,
 * the mass-change brake. A held write leaves the link pending with the reason in words; it goes out on the next
 * sync after the hold ends (resume, release, gate opening all make such links due).
 */
import type { PlannedWrite } from "../core/plan";
import { type DataflowId, directionInto } from "../core/types";
import { BRAKE_MIN_RECORDS, BRAKE_WINDOW_MS } from "./limits";
import { hadSync, SIDE_NAME } from "./link-shape";
import { type HeldLink, iso, type Run } from "./run";
import { brakeKey, brakeWindowKey, CUSTOMERS_GATE_KEY, pauseKey } from "./settings";

export type HoldCode = "paused" | "braked" | "waiting-for-backfill";
export interface Hold {
  code: HoldCode;
  message: string;
}

export async function pauseOrGate(run: Run, dataflow: DataflowId, write: PlannedWrite): Promise<Hold | null> {
  const direction = directionInto(write.side);
  if (await run.settings.get(pauseKey(dataflow, direction))) {
    return {
      code: "paused",
      message: `Paused: ${dataflow} are not written into ${SIDE_NAME[write.side]} (${direction} is paused); this goes out when it is resumed.`,
    };
  }
  if (dataflow === "customers" && write.side === "poweroffice" && write.op === "create") {
    if (!(await run.settings.get(CUSTOMERS_GATE_KEY))) {
      return {
        code: "waiting-for-backfill",
        message:
          "Waiting for the first PowerOffice read: PowerOffice customers cannot be searched by e-mail or org number, so no customer is created there before all of them have been read once.",
      };
    }
  }
  return null;
}

interface BrakeWindow {
  start: number;
  /** The links rewritten or archived in this window, each once however often it changed. */
  links: number[];
  releasedAt: number | null;
  /**
   * The dataflow has at least this many links, as last counted. Links are never deleted (archived is a state), so it
   * stays true and is carried into the next window: the brake counts again only when a share of it no longer answers.
   */
  linksAtLeast: number;
}

/**
 * Counts a rewrite (update or archive) of an already synced record against the dataflow's window, and engages the
 * brake when more distinct records than the share of the dataflow's links, and more than BRAKE_MIN_RECORDS, were
 * rewritten within it. A record changed again and again (stock, a busy customer) counts once: the brake is for
 * many records changing at once (a bad import, a wrong rule), not for a busy shop. Creates and first links never
 * count.
 */
export async function brake(
  run: Run,
  dataflow: DataflowId,
  writes: PlannedWrite[],
  link: HeldLink | null,
): Promise<Hold | null> {
  if (writes.length === 0) return null;
  const engaged = await run.settings.get(brakeKey(dataflow));
  if (engaged) return { code: "braked", message: brakeWords(engaged) };
  if (!link || !hadSync(link) || !writes.some((w) => w.op !== "create")) return null;
  const id = link.id;
  const now = run.now();
  const window = await readWindow(run, dataflow, now);
  if (window.links.includes(id)) return null;
  window.links.push(id);
  const rewritten = window.links.length;
  const share = run.deps.limits.brakeShare;
  const released = window.releasedAt !== null && now - window.releasedAt < BRAKE_WINDOW_MS;
  if (!released && rewritten > BRAKE_MIN_RECORDS && rewritten > share * window.linksAtLeast) {
    // Counted only as far as the answer needs (past rewritten ÷ share, and at least twice the last count), not the
    // whole dataflow: each new record rewritten past the minimum would otherwise read every link of the dataflow, on a
    // busy day millions of D1 rows. Doubling keeps a window's counts under twice the dataflow's links in all.
    const limit = Math.max(2 * window.linksAtLeast, Math.floor(rewritten / share) + 1);
    const links = await run.store.links.countUpTo(dataflow, limit);
    window.linksAtLeast = Math.max(window.linksAtLeast, links);
    // Below the limit the count is exact; at the limit the dataflow has more than rewritten ÷ share links.
    if (rewritten > share * links) {
      const state = { at: iso(now), rewrites: rewritten, links, share };
      const message = brakeWords(JSON.stringify(state));
      run.settings.stage(brakeKey(dataflow), JSON.stringify(state));
      run.activity.push({ at: iso(now), dataflow, linkId: null, side: null, action: "braked", changes: {}, message });
      run.deps.log(message);
      return { code: "braked", message };
    }
  }
  run.settings.stage(brakeWindowKey(dataflow), JSON.stringify(window));
  return null;
}

async function readWindow(run: Run, dataflow: DataflowId, now: number): Promise<BrakeWindow> {
  const text = await run.settings.get(brakeWindowKey(dataflow));
  let window: BrakeWindow = { start: now, links: [], releasedAt: null, linksAtLeast: 0 };
  try {
    const stored = text ? (JSON.parse(text) as Partial<BrakeWindow>) : {};
    const atLeast = stored.linksAtLeast;
    window = {
      start: typeof stored.start === "number" ? stored.start : now,
      links: Array.isArray(stored.links) ? stored.links.filter((x): x is number => typeof x === "number") : [],
      releasedAt: typeof stored.releasedAt === "number" ? stored.releasedAt : null,
      linksAtLeast: typeof atLeast === "number" && Number.isSafeInteger(atLeast) && atLeast > 0 ? atLeast : 0,
    };
  } catch {
    // A window that cannot be read starts again.
  }
  if (now - window.start >= BRAKE_WINDOW_MS) window = { ...window, start: now, links: [] };
  return window;
}

export function brakeWords(setting: string): string {
  try {
    const s = JSON.parse(setting) as { rewrites: number; links: number; share: number; at: string };
    return `Mass-change brake: ${s.rewrites} of ${s.links} linked records would be rewritten or archived within an hour (more than ${Math.round(s.share * 100)}%), so writing stopped at ${s.at}. Check the changes, then release the brake to go on.`;
  } catch {
    return "Mass-change brake: writing stopped for this dataflow. Check the changes, then release the brake to go on.";
  }
}
