/**
 * The sync engine: orchestration over the store and the two sides (docs/sync-engine.md). It never touches HTTP or
 * D1 itself; the jobs and the API build it per invocation (worker/wiring/build-deps.ts) and call these operations.
 */
import type { Resource } from "../../shared/webshop";
import type { SideRecord } from "../core/ports";
import type { Actor, DataflowId, Direction, LinkState, Side } from "../core/types";
import * as admin from "./admin";
import type { AdminResult } from "./admin-checks";
import { type EngineOptions, resolveDeps } from "./engine-options";
import { type MissingOrders, missingOrders, type RecheckedOrders, recheckOrders } from "./gone-orders";
import { reconcile, retryDue } from "./passes";
import { type PeekedPage, type PollResult, pollPage } from "./poll-page";
import { flush, newRun } from "./run";
import { syncRecord } from "./sync-record";
import { pushWebshopRecord, syncWebshopRecord } from "./webshop-record";

export interface SyncResult {
  linkId: number | null;
  state: LinkState;
  message: string | null;
  /** Set when an admin's link or relink was refused before anything changed (admin.ts). */
  refusal?: AdminResult["refusal"];
}

export interface Engine {
  /** One page of `dataflow`'s feed on `side`, its cursor committed with the page's links. */
  pollPage(dataflow: DataflowId, side: Side, peeked?: PeekedPage): Promise<PollResult>;
  /** One record now (a webhook, an admin's push). */
  syncOne(dataflow: DataflowId, side: Side, id: string): Promise<SyncResult>;
  /**
   * A webshop record named by a webhook: its dataflow follows from the record (departments are customers). `record`
   * is the record as the caller has just read it from the shop (null: the shop answered 404); without it, it is read.
   */
  syncWebshopRecord(resource: Resource, id: string, record?: SideRecord | null): Promise<SyncResult>;
  /**
   * The admin's push of a shop record: synced even when it looks unchanged (its partner is read too: an order gone
   * from PowerOffice is marked invoiced), answered with what was found, in words.
   */
  pushWebshopRecord(resource: Resource, id: string): Promise<SyncResult>;
  /** Links whose next attempt is due; returns how many were tried. */
  retryDue(limit: number): Promise<number>;
  /**
   * Re-reads both sides of up to `limit` links after `afterLinkId`, each while `fits()` (the first always); `next`
   * continues the walk, null at the end.
   */
  reconcile(
    dataflow: DataflowId,
    afterLinkId: number | null,
    limit: number,
    fits?: () => boolean,
  ): Promise<{ next: number | null; checked: number }>;
  /** The linked orders PowerOffice no longer lists among its open sales orders (invoiced or deleted there?). */
  missingOrders(): Promise<MissingOrders>;
  /**
   * Reads these PowerOffice orders again while `fits()` (the caller's budget); one that is gone makes its shop order
   * invoiced and archives its link. `rest` is what did not fit.
   */
  recheckOrders(ids: string[], fits: () => boolean): Promise<RecheckedOrders>;
  /** Decides open `manual` conflicts: property → the side whose value wins. */
  resolveConflict(linkId: number, choices: Record<string, Side>): Promise<SyncResult>;
  /** The admin's actions take the admin (the widget token's `sub`) for the activity log. */
  link(dataflow: DataflowId, poId: string, shopId: string, actor?: Actor): Promise<SyncResult>;
  unlink(linkId: number, actor?: Actor): Promise<SyncResult>;
  /** Checks the new pair first; then separates the old records and links the new pair in one commit. */
  relink(linkId: number, ids: Partial<Record<Side, string>>, actor?: Actor): Promise<SyncResult>;
  /** Dead letters are links that used up their attempts; the id is the link's. */
  replayDeadLetter(linkId: number): Promise<SyncResult>;
  setPaused(dataflow: DataflowId, direction: Direction, paused: boolean): Promise<void>;
  releaseBrake(dataflow: DataflowId, actor?: Actor): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const deps = resolveDeps(options);
  const brief = (o: SyncResult): SyncResult => ({ linkId: o.linkId, state: o.state, message: o.message });
  return {
    pollPage: (dataflow, side, peeked) => pollPage(deps, dataflow, side, peeked),
    async syncOne(dataflow, side, id) {
      const run = newRun(deps);
      const outcome = await syncRecord(run, dataflow, side, { id }, { depth: 0, full: true });
      await flush(run);
      return brief(outcome);
    },
    syncWebshopRecord: async (resource, id, record) =>
      brief(await syncWebshopRecord(deps, resource, id, false, record)),
    pushWebshopRecord: async (resource, id) => brief(await pushWebshopRecord(deps, resource, id)),
    retryDue: (limit) => retryDue(deps, limit),
    reconcile: (dataflow, afterLinkId, limit, fits) => reconcile(deps, dataflow, afterLinkId, limit, fits),
    missingOrders: () => missingOrders(deps),
    recheckOrders: (ids, fits) => recheckOrders(deps, ids, fits),
    resolveConflict: (linkId, choices) => admin.resolveConflict(deps, linkId, choices),
    link: (dataflow, poId, shopId, actor) => admin.linkRecords(deps, dataflow, poId, shopId, actor),
    unlink: (linkId, actor) => admin.unlink(deps, linkId, actor),
    relink: (linkId, ids, actor) => admin.relink(deps, linkId, ids, actor),
    replayDeadLetter: (linkId) => admin.replayDeadLetter(deps, linkId),
    setPaused: (dataflow, direction, paused) => admin.setPaused(deps, dataflow, direction, paused),
    releaseBrake: (dataflow, actor) => admin.releaseBrake(deps, dataflow, actor),
  };
}
