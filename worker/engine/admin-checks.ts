/**
 * What must hold before an admin's link or relink changes anything, and how a refusal is answered: in words, with the
 * code the API answers with, and nothing changed.
 */
import { dataflowOfWebshopRecord, WEBSHOP_RESOURCE } from "../core/dataflows/shop-records";
import type { SideRecord } from "../core/ports";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../core/types";
import { isUnlinked, SIDE_NAME } from "./link-shape";
import { findLink, type HeldLink, type Run } from "./run";
import type { RecordOutcome } from "./sync-types";

/** Why a link or relink was refused before anything changed; the API answers it with the same code. */
export type AdminRefusalCode =
  | "invalid_request"
  | "link_not_found"
  | "record_not_found"
  | "record_unreadable"
  | "already_linked"
  | "wrong_dataflow";

export type AdminResult = Pick<RecordOutcome, "linkId" | "state" | "message"> & {
  refusal?: { code: AdminRefusalCode; message: string };
};

export const refused = (
  linkId: number | null,
  message: string,
  code: AdminRefusalCode = "invalid_request",
): AdminResult => ({
  linkId,
  state: "error",
  message,
  refusal: { code, message },
});
export const OTHER: Record<Side, Side> = { poweroffice: "webshop", webshop: "poweroffice" };
export const SYSTEM: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "webshop" };

/**
 * Everything that must hold before a link by hand changes anything, as a refusal in words (null when it holds):
 * neither record is linked to another partner, the shop record is not held by another dataflow, both records exist
 * and answer under exactly these ids, and the shop record belongs to this dataflow (a company is no department).
 */
export async function checkPair(
  run: Run,
  dataflow: DataflowId,
  ids: Record<Side, string>,
  relinking: HeldLink | null,
): Promise<AdminResult | null> {
  for (const side of SIDES) {
    const holder = await findLink(run, dataflow, side, ids[side]);
    if (!holder || holder.id === relinking?.id || isUnlinked(holder)) continue;
    const other = OTHER[side];
    const partner = holder.ids[other];
    if (partner !== null && partner !== ids[other]) {
      return refused(
        holder.id,
        `${SYSTEM[side]} record ${ids[side]} is already linked to ${SYSTEM[other]} record ${partner} (record ${holder.id}): unlink that pair first.`,
        "already_linked",
      );
    }
  }
  const resource = WEBSHOP_RESOURCE[dataflow];
  for (const other of DATAFLOWS) {
    if (other === dataflow || WEBSHOP_RESOURCE[other] !== resource) continue;
    const holder = await findLink(run, other, "webshop", ids.webshop);
    if (holder && !isUnlinked(holder)) {
      return refused(
        holder.id,
        `Webshop ${resource} record ${ids.webshop} is held by the ${other} dataflow (record ${holder.id}): unlink it there first.`,
        "already_linked",
      );
    }
  }
  const reads: Partial<Record<Side, SideRecord>> = {};
  for (const side of SIDES) {
    const read = await run.deps.sides[side].get(dataflow, ids[side]);
    if (!read.ok) {
      if (read.error.code === "invalid-input") return refused(null, read.error.message);
      return refused(
        null,
        `${SIDE_NAME[side]} could not be read for record ${ids[side]} (${read.error.message}). Nothing was changed; try again once it answers.`,
        "record_unreadable",
      );
    }
    if (!read.value) {
      return refused(
        null,
        `There is no ${SYSTEM[side]} ${dataflow} record ${ids[side]}: check the id. Nothing was changed.`,
        "record_not_found",
      );
    }
    if (read.value.id !== ids[side]) {
      return refused(
        null,
        `${SIDE_NAME[side]} answered record ${read.value.id} when asked for ${ids[side]}: use the id exactly as ${SYSTEM[side]} writes it (${read.value.id}).`,
      );
    }
    reads[side] = read.value;
  }
  const belongs = dataflowOfWebshopRecord(resource, reads.webshop!.raw);
  if (belongs !== null && belongs !== dataflow) {
    const kind = (reads.webshop!.raw as { kind?: unknown }).kind;
    const what = typeof kind === "string" ? `a ${kind}` : `a ${belongs} record`;
    return refused(
      null,
      `Webshop ${resource} record ${ids.webshop} is ${what}: it belongs to the ${belongs} dataflow, not ${dataflow}. Link it there.`,
      "wrong_dataflow",
    );
  }
  return null;
}
