/**
 * The engine's switches in the store's settings, read at most once per engine call (every read is a D1 round trip
 * against the invocation's budget) and only when a decision needs them.
 *
 *   pause:<dataflow>:<direction>   set while writes in that direction are paused ("keep reading, stop writing")
 *   brake:<dataflow>               set while the mass-change brake holds the dataflow (JSON with the counts)
 *   brake-window:<dataflow>        rewrites counted in the current window, and when the admin last released it
 *   first-read:<dataflow>:<side>   set once that side's feed of the dataflow has been read to its end (for
 *                                  customers of PowerOffice under its older name backfill:customers:poweroffice)
 *   matched:<dataflow>:<side>      set once a pass of that feed ended after the other side's first read: from then
 *                                  on its new records are looked up on the other side, not matched by the links only
 */
import type { Store } from "../core/ports";
import type { DataflowId, Direction, Side } from "../core/types";

export const pauseKey = (dataflow: DataflowId, direction: Direction) => `pause:${dataflow}:${direction}`;
export const brakeKey = (dataflow: DataflowId) => `brake:${dataflow}`;
export const brakeWindowKey = (dataflow: DataflowId) => `brake-window:${dataflow}`;
/** Shop→PowerOffice customer creates wait for this: only then do the links know every PowerOffice customer's key. */
export const CUSTOMERS_GATE_KEY = "backfill:customers:poweroffice";
/** Records of the OTHER side wait for this: only then do the links know every record of `side` and its key. */
export const firstReadKey = (dataflow: DataflowId, side: Side) =>
  dataflow === "customers" && side === "poweroffice" ? CUSTOMERS_GATE_KEY : `first-read:${dataflow}:${side}`;
export const matchedKey = (dataflow: DataflowId, side: Side) => `matched:${dataflow}:${side}`;

export interface SettingsCache {
  get(key: string): Promise<string | null>;
  /** Reads the keys not known yet in one query, so that the `get`s after it cost nothing. */
  load(keys: string[]): Promise<void>;
  /** Changed here and written with the next commit. */
  stage(key: string, value: string | null): void;
  /** What `stage` collected since the last take, for a commit. */
  take(): Record<string, string | null> | undefined;
}

export function settingsCache(store: Store): SettingsCache {
  const known = new Map<string, string | null>();
  let staged: Record<string, string | null> = {};
  return {
    async get(key) {
      if (known.has(key)) return known.get(key) ?? null;
      const value = await store.settings.get(key);
      known.set(key, value);
      return value;
    },
    async load(keys) {
      const wanted = keys.filter((key) => !known.has(key));
      if (wanted.length === 0) return;
      const values = await store.settings.getMany(wanted);
      for (const key of wanted) known.set(key, values[key] ?? null);
    },
    stage(key, value) {
      known.set(key, value);
      staged[key] = value;
    },
    take() {
      if (Object.keys(staged).length === 0) return undefined;
      const out = staged;
      staged = {};
      return out;
    },
  };
}
