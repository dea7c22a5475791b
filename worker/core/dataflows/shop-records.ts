/**
 * Which dataflow a shop record belongs to, asked of the definitions only: a dataflow holds the records of its
 * `webshop.resource`, or, where it names `webshop.kinds`, those of these kinds (customers hold persons and companies,
 * departments the shop customers of kind department). Nothing else in the worker knows that rule.
 */
import type { DataflowId } from "../types";
import { DATAFLOW_DEFINITIONS } from "./all-dataflows";
import type { WebshopResource } from "./definition";

const definitions = () => Object.values(DATAFLOW_DEFINITIONS);

/** The shop resource each dataflow's records live in. */
export const WEBSHOP_RESOURCE = Object.fromEntries(definitions().map((d) => [d.id, d.webshop.resource])) as Record<
  DataflowId,
  WebshopResource
>;

/** The dataflows whose records a shop resource holds, in definition order (customers: customers, departments). */
export const DATAFLOWS_OF_RESOURCE: Record<WebshopResource, DataflowId[]> = {
  customers: dataflowsIn("customers"),
  products: dataflowsIn("products"),
  orders: dataflowsIn("orders"),
};

function dataflowsIn(resource: WebshopResource): DataflowId[] {
  return definitions()
    .filter((d) => d.webshop.resource === resource)
    .map((d) => d.id);
}

/** Whether a record of the dataflow's shop resource belongs to the dataflow (by its kind, where the dataflow says). */
export function holdsWebshopRecord(dataflow: DataflowId, raw: unknown): boolean {
  const kinds = DATAFLOW_DEFINITIONS[dataflow].webshop.kinds;
  if (!kinds) return true;
  const kind = (raw as { kind?: unknown } | null)?.kind;
  return typeof kind === "string" && kinds.includes(kind);
}

/** The dataflow a record of shop resource `resource` belongs to; null for a resource or kind no dataflow holds. */
export function dataflowOfWebshopRecord(resource: string, raw: unknown): DataflowId | null {
  const dataflows = DATAFLOWS_OF_RESOURCE[resource as WebshopResource] ?? [];
  return dataflows.find((dataflow) => holdsWebshopRecord(dataflow, raw)) ?? null;
}

/** The other dataflow sharing `dataflow`'s shop resource (customers ⇄ departments); null when it has it alone. */
export function sharingDataflow(dataflow: DataflowId): DataflowId | null {
  return DATAFLOWS_OF_RESOURCE[WEBSHOP_RESOURCE[dataflow]].find((other) => other !== dataflow) ?? null;
}
