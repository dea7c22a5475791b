/**
 * A webshop record named by a webhook (through the queue) or an admin's push: the record as the shop has it now (the
 * queue consumer hands over the copy it has just read; without one it is read here), its dataflow (the definitions
 * say which: a customer of kind department is a department), synced; a record the shop no longer has is synced as
 * gone, which archives its partner.
 */
import type { Resource } from "../../shared/webshop";
import { DATAFLOWS_OF_RESOURCE, dataflowOfWebshopRecord } from "../core/dataflows/shop-records";
import type { SideRecord } from "../core/ports";
import type { DataflowId } from "../core/types";
import type { EngineDeps } from "./engine-options";
import { failBare } from "./failure";
import { findLink, flush, newRun, type Run } from "./run";
import { syncRecord } from "./sync-record";
import type { RecordOutcome } from "./sync-types";

/**
 * The admin's "push": the record and its partner are read even when the record looks unchanged since the last sync
 * (its partner may have changed, or gone: an order invoiced in PowerOffice), and the answer says what was found.
 */
export async function pushWebshopRecord(deps: EngineDeps, resource: Resource, id: string): Promise<RecordOutcome> {
  const outcome = await syncWebshopRecord(deps, resource, id, true);
  if (outcome.message !== null || outcome.linkId === null) return outcome;
  const message =
    outcome.written === 0
      ? "Nothing to send: the shop's record and PowerOffice's already agree."
      : `Synced now: ${outcome.written} ${outcome.written === 1 ? "change" : "changes"} written.`;
  return { ...outcome, message };
}

/** `given`: the record as just read from the shop (null: it answered 404); undefined to have it read here. */
export async function syncWebshopRecord(
  deps: EngineDeps,
  resource: Resource,
  id: string,
  full = false,
  given?: SideRecord | null,
): Promise<RecordOutcome> {
  const run = newRun(deps);
  const [first, ...others] = DATAFLOWS_OF_RESOURCE[resource] as [DataflowId, ...DataflowId[]];
  let outcome: RecordOutcome;
  if (others.length === 0) {
    // One dataflow for the resource: the record is read (and a failure recorded on its link) by the sync itself.
    const input = given === undefined ? { id } : { id, record: given };
    outcome = await syncRecord(run, first, "webshop", input, { depth: 0, full });
    await flush(run);
    return outcome;
  }
  // Customers hold two dataflows; the record's kind says which. A customer that cannot be read and has no link yet
  // is left to the shop's feed, which shows it again (its cursor is exact).
  const read = given === undefined ? await deps.sides.webshop.get(first, id) : { ok: true as const, value: given };
  if (!read.ok) {
    const dataflow = await linkedDataflow(run, resource, id);
    outcome = dataflow
      ? await syncRecord(run, dataflow, "webshop", { id }, { depth: 0, full: true })
      : failBare(first, id, read.error);
  } else if (read.value) {
    const dataflow = dataflowOfWebshopRecord(resource, read.value.raw) ?? first;
    outcome = await syncRecord(run, dataflow, "webshop", { id, record: read.value }, { depth: 0, full });
  } else {
    const dataflow = await linkedDataflow(run, resource, id);
    outcome = dataflow
      ? await syncRecord(run, dataflow, "webshop", { id, record: null }, { depth: 0, full: true })
      : {
          linkId: null,
          state: "skipped",
          message: `The webshop has no ${resource} record ${id}.`,
          written: 0,
          failed: false,
        };
  }
  await flush(run);
  return outcome;
}

async function linkedDataflow(run: Run, resource: Resource, id: string): Promise<DataflowId | null> {
  for (const dataflow of DATAFLOWS_OF_RESOURCE[resource]) {
    if (await findLink(run, dataflow, "webshop", id)) return dataflow;
  }
  return null;
}
