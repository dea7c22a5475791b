/** A dead letter as the admin reads it: what the message asked for, in words, and the dataflow it belongs to. */
import type { DeadLetter as DeadLetterView } from "../../../shared/api/dead-letters";
import { DATAFLOWS_OF_RESOURCE } from "../../core/dataflows/shop-records";
import type { DataflowId } from "../../core/types";
import { SIDE_NAME } from "../../engine/link-shape";
import type { DeadLetter } from "../../messages/dead-letters";
import { parseSyncMessage, type SyncMessage } from "../../messages/message";
import type { Deps } from "../../wiring/build-deps";
import { webshopLink } from "./records-routes";

export function deadLetterView(letter: DeadLetter): DeadLetterView {
  const message = readMessage(letter);
  return {
    id: letter.id,
    at: letter.createdAt,
    kind: letter.kind,
    summary: message ? summaryOf(message) : `A message the worker cannot read: ${letter.body.slice(0, 200)}`,
    reason: letter.reason,
    attempts: letter.attempts,
    replayable: message !== null && letter.replayedAt === null,
    replayedAt: letter.replayedAt,
  };
}

export function readMessage(letter: DeadLetter): SyncMessage | null {
  let body: unknown;
  try {
    body = JSON.parse(letter.body);
  } catch {
    return null;
  }
  const parsed = parseSyncMessage(body);
  return parsed.ok ? parsed.message : null;
}

function summaryOf(message: SyncMessage): string {
  switch (message.kind) {
    case "webshop-event":
      return `Shop webhook: ${message.resource} ${message.id} ${message.deleted ? "deleted" : "changed"} (version ${message.version})`;
    case "push":
      return `Admin's push of shop ${message.resource} ${message.id}`;
    case "poll":
      return `Read the next page of ${SIDE_NAME[message.side]}'s ${message.dataflow} changes`;
    case "retry":
      // The activity log needs a dataflow; a retry of a link since deleted, from before messages named it, has none.
      return `Retry record ${message.linkId}${message.dataflow ? ` (${message.dataflow})` : ""}`;
    case "reconcile":
      return `Re-read the ${message.dataflow} records after record ${message.afterLinkId ?? "0"} on both sides`;
    case "gone-orders":
      return message.ids.length > 0
        ? `Read ${message.ids.length} PowerOffice sales orders that are no longer open`
        : "Look for PowerOffice sales orders that are no longer open";
  }
}

/** The dataflow the activity log files a replay under: the message's, or that of the record it names. */
export async function dataflowOfMessage(deps: Deps, message: SyncMessage): Promise<DataflowId> {
  switch (message.kind) {
    case "poll":
    case "reconcile":
      return message.dataflow;
    case "gone-orders":
      return "orders";
    case "retry":
      // The activity log needs a dataflow; a retry of a link since deleted, from before messages named it, has none.
      return message.dataflow ?? (await deps.store.links.get(message.linkId))?.dataflow ?? "customers";
    case "webshop-event":
    case "push": {
      // A shop customer may be a customer or a department: its link says which (the first dataflow without one).
      const link = await webshopLink(deps, message.resource, message.id);
      return link?.dataflow ?? DATAFLOWS_OF_RESOURCE[message.resource][0]!;
    }
  }
}
