/**
 * The shape of a dataflow definition: one declarative list of property mappings per dataflow, from which the core
 * maps both ways and docs/dataflows.md is rendered.
 */
import type { ConversionName } from "../conversions";
import type { CanonicalValue, DataflowId, Side } from "../types";

/** "both" is ⇄, "to-webshop" is → (PowerOffice is the source), "to-poweroffice" is ← (the shop is the source). */
export type MappingDirection = "both" | "to-webshop" | "to-poweroffice";

export interface PropertyMapping {
  /** The canonical name: the webshop's field name, dotted when nested ("billing_address.city"). */
  property: string;
  /** PowerOffice field path (PascalCase, dotted when nested: "MailAddress.City"). */
  poweroffice: string;
  /** Webshop field path; for a derived reference, words in parentheses. */
  webshop: string;
  direction: MappingDirection;
  type: ConversionName;
  /** Shown in the docs' conversion column after the conversion's own label. */
  note?: string;
  /** Read only where the PowerOffice path is empty, in order ("StockAvailable, else StockOnHand"). */
  powerofficeAlternatives?: readonly string[];
  /** The property exists only for records of these kinds (canonical `kind`); elsewhere it is null and not written. */
  kinds?: readonly string[];
  /** Written into a side instead of null where that side requires a value (the shop's price). */
  fallback?: Partial<Record<Side, CanonicalValue>>;
  /**
   * `compare`: both sides are read and compared, a difference is flagged, nothing is written (order totals).
   * `create`: not compared; derived by the worker when it creates the record (ExternalImportReference).
   */
  only?: "compare" | "create";
}

export interface RecordDefinition {
  properties: readonly PropertyMapping[];
}

/** Order lines: keyed sub-records of an order, paired by their ids (docs/sync-engine.md, lines.ts). */
export interface LinesDefinition extends RecordDefinition {
  poweroffice: { entity: string; path: string };
  webshop: { entity: string; path: string };
  intro: string;
  pairing: string;
}

/** The webshop resources the dataflows' shop records live in. */
export type WebshopResource = "customers" | "products" | "orders";

export interface DataflowDefinition extends RecordDefinition {
  id: DataflowId;
  /** Names as the original dataflow document uses them. */
  poweroffice: { entity: string };
  webshop: {
    entity: string;
    resource: WebshopResource;
    /**
     * The shop records of `resource` this dataflow holds, by their `kind`; absent: all of them. The one source of
     * "a department is a shop customer of kind department": every place that routes a shop record asks this
     * (shop-records.ts).
     */
    kinds?: readonly string[];
  };
  /** Field values every create in a side carries whatever the source says (a department's kind). */
  createConstants?: Partial<Record<Side, Record<string, unknown>>>;
  /** The canonical property holding "active" (false = archived), when the dataflow archives that way. */
  activeProperty?: string;
  /** The field and value that archive a record on each side (what SidePort.archive writes). */
  archive?: Record<Side, Record<string, unknown>>;
  lines?: LinesDefinition;
  /** Words for the docs. */
  matchRule: string;
  lifecycle: readonly string[];
}
