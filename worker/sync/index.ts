/** Public surface of the pure sync core (docs/sync-engine.md): definitions, canonical form, matching, planning, docs. */
export { dependenciesOf, LINE_ID, LINE_REF, readPath, toCanonical, unresolvedIn } from "./canonical";
export { CONVERSIONS, type ConversionName, parseUnresolved } from "./conversions";
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
export { snapshotAfterWrite } from "./settle";
export { isEmpty, sameValue } from "./values";
