/** Public surface of the pure sync core (docs/sync-engine.md): definitions, canonical form, matching, planning, docs. */
export { dependenciesOf, toCanonical, unresolvedIn } from "./canonical";
export type { ConversionName } from "./conversions";
export { DATAFLOW_DEFINITIONS } from "./dataflows";
export type {
  DataflowDefinition,
  LinesDefinition,
  MappingDirection,
  PropertyMapping,
  WebshopResource,
} from "./dataflows/definition";
export {
  DATAFLOWS_OF_RESOURCE,
  dataflowOfWebshopRecord,
  holdsWebshopRecord,
  sharingDataflow,
  WEBSHOP_RESOURCE,
} from "./dataflows/shop-records";
export { renderDataflowsDoc } from "./docs";
export { madeNewLines } from "./lines";
export { type MatchField, matchKeyOf, matchLookup } from "./match";
export { type Plan, type PlanInput, type PlannedWrite, planSync } from "./plan";
export { createReference, lineReference, MAX_REFERENCE_LENGTH } from "./references";
export { sameValue } from "./values";
