/**
 * The engine wired to both in-process simulators through the REAL connectors and adapters, an in-memory store and a
 * fake clock (sleeps return at once and move the clock). `cycle()` is one round of the cron: every dataflow's feed on
 * both sides to its end, then the due retries.
 */

import { createPowerOfficeClient } from "../../../worker/connectors/poweroffice/client";
import { createRateLimiter } from "../../../worker/connectors/poweroffice/rate-limiter";
import { createWebshopClient } from "../../../worker/connectors/webshop/client";
import type { SidePort, Store } from "../../../worker/core/ports";
import { type ConflictPolicy, DATAFLOWS, SIDES, type Side } from "../../../worker/core/types";
import { createEngine, type Engine } from "../../../worker/engine/engine";
import type { EngineLimits } from "../../../worker/engine/limits";
import { createPowerOfficeSide } from "../../../worker/sides/poweroffice-side";
import { createWebshopSide } from "../../../worker/sides/webshop-side";
import { createMemoryStore } from "../../../worker/store/memory-store";
import { createPowerOfficeSim, SIM_DEFAULT_KEYS } from "../../sim/poweroffice";
import { createReferenceWebshop } from "../../sim/webshop";

export function fakeClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += Math.max(0, ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface HarnessOptions {
  policy?: ConflictPolicy;
  limits?: EngineLimits;
  /** Wraps the store, e.g. to make a commit throw once (a crash between two steps). */
  wrapStore?: (store: Store) => Store;
  wrapSide?: (side: SidePort) => SidePort;
  /** The PowerOffice simulator's rate limit (0: none, the default; the benchmarks use PowerOffice's real 10/s). */
  rateLimitPerSecond?: number;
}

export function setup(options: HarnessOptions = {}) {
  const clock = fakeClock();
  const po = createPowerOfficeSim({ now: clock.now, rateLimitPerSecond: options.rateLimitPerSecond ?? 0 });
  const shop = createReferenceWebshop({ now: clock.now });
  const tokens = new Map<string, string>();
  const poClient = createPowerOfficeClient({
    config: {
      baseUrl: "https://poweroffice.sim/v2",
      tokenUrl: "https://poweroffice.sim/OAuth/Token",
      ...SIM_DEFAULT_KEYS,
    },
    fetch: (request) => po.fetch(request),
    cache: { get: async (k) => tokens.get(k) ?? null, put: async (k, v) => void tokens.set(k, v) },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    limiter: createRateLimiter(),
  });
  const shopClient = createWebshopClient({
    config: { baseUrl: "https://webshop.sim/api", apiToken: "test-webshop-token" },
    fetch: (request) => shop.fetch(request),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
  });
  const baseStore = createMemoryStore({ clock });
  const store = options.wrapStore ? options.wrapStore(baseStore) : baseStore;
  const wrap = options.wrapSide ?? ((side: SidePort) => side);
  const sides: Record<Side, SidePort> = {
    poweroffice: wrap(createPowerOfficeSide(poClient)),
    webshop: wrap(createWebshopSide(shopClient)),
  };
  const logs: string[] = [];
  const newEngine = (): Engine =>
    createEngine({
      store,
      sides,
      clock,
      policy: options.policy ?? "newest-wins",
      log: (line) => logs.push(line),
      limits: options.limits,
    });
  let engine = newEngine();
  /** A worker that crashed starts again with nothing in memory (its lease book included): only the store remains. */
  const restart = () => {
    engine = newEngine();
  };

  /**
   * Every feed to its end (at most `maxPages` pages each), then the due retries. A feed that a first read restarted
   * (its cursor moved back) is read again, as the next cron run's peek would find it.
   */
  async function cycle(maxPages = 50) {
    for (const dataflow of DATAFLOWS) {
      const after = new Map<Side, { cursor: string; read: number }>();
      for (let round = 0; round < 3; round++) {
        for (const side of SIDES) {
          const last = after.get(side);
          const cursor = await store.cursors.get(dataflow, side);
          const restarted = cursor === null && (last?.read ?? 0) > 0;
          if (last !== undefined && JSON.stringify(cursor) === last.cursor && !restarted) continue;
          let read = 0;
          for (let page = 0; page < maxPages; page++) {
            const result = await engine.pollPage(dataflow, side);
            read += result.processed;
            if (result.done || result.error) break;
          }
          after.set(side, { cursor: JSON.stringify(await store.cursors.get(dataflow, side)), read });
        }
      }
    }
    await engine.retryDue(100);
  }

  /**
   * Both feeds of a dataflow read to their end once, as a first sync begins: records without a partner wait on
   * pending links until then (the first-read gate), and the feeds start again from the beginning, where the records
   * are matched and created.
   */
  async function firstRead(dataflow: (typeof DATAFLOWS)[number]) {
    for (const side of SIDES) {
      for (let page = 0; page < 50; page++) {
        const result = await engine.pollPage(dataflow, side);
        if (result.done || result.error) break;
      }
    }
  }

  /** Write requests each system received since `mark` (creates, patches, deletes): what "zero writes" counts. */
  const writes = () => ({
    poweroffice: po.requests.filter((r) => r.method !== "GET" && !/OAuth/i.test(r.path)).length,
    webshop: shop.requests.filter((r) => r.method !== "GET").length,
  });

  return {
    clock,
    po,
    shop,
    store,
    baseStore,
    sides,
    get engine() {
      return engine;
    },
    restart,
    logs,
    cycle,
    firstRead,
    writes,
  };
}

export type Harness = ReturnType<typeof setup>;

/** Links of a dataflow, all of them. */
export async function linksOf(store: Store, dataflow: (typeof DATAFLOWS)[number]) {
  return store.links.list({ dataflow, limit: 1000 });
}

/** A store that counts commits and insertPending calls: a quiet system makes none. */
export function countingStore(counter: { commits: number; inserts: number }) {
  return (store: Store): Store => ({
    ...store,
    links: {
      ...store.links,
      insertPending: (link) => {
        counter.inserts++;
        return store.links.insertPending(link);
      },
    },
    commit: (commit) => {
      counter.commits++;
      return store.commit(commit);
    },
  });
}
