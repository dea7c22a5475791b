/** Public surface of the pure sync core (docs/sync-engine.md): definitions, canonical form, matching, planning, docs. */
import { DATAFLOW_DEFINITIONS } from "./dataflows";
import type { DataflowId } from "./types";

export { dependenciesOf, toCanonical, unresolvedIn } from "./canonical";
export type { ConversionName } from "./conversions";
export { DATAFLOW_DEFINITIONS } from "./dataflows";
export type { DataflowDefinition, LinesDefinition, MappingDirection, PropertyMapping } from "./dataflows/definition";
export { renderDataflowsDoc } from "./docs";
export { madeNewLines } from "./lines";
export { type MatchField, matchKeyOf, matchLookup } from "./match";
export { type Plan, type PlanInput, type PlannedWrite, planSync } from "./plan";
export { createReference, lineReference, MAX_REFERENCE_LENGTH } from "./references";
export { sameValue } from "./values";

/** The webshop resources the shop's records live in, per dataflow (customers hold persons, companies, departments). */
export const WEBSHOP_RESOURCE = Object.fromEntries(
  Object.values(DATAFLOW_DEFINITIONS).map((d) => [d.id, d.webshop.resource]),
) as Record<DataflowId, "customers" | "products" | "orders">;

/** The dataflow a webshop record belongs to: a customer of kind department is a department; null if unknown. */
export function dataflowOfWebshopRecord(resource: string, raw: unknown): DataflowId | null {
  switch (resource) {
    case "customers":
      return (raw as { kind?: unknown } | null)?.kind === "department" ? "departments" : "customers";
    case "products":
      return "products";
    case "orders":
      return "orders";
    default:
      return null;
  }
}
