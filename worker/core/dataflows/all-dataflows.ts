/** The five dataflows (lines live inside orders), one declarative definition each. */
import type { DataflowId } from "../types";
import { customers } from "./customers";
import type { DataflowDefinition } from "./definition";
import { departments } from "./departments";
import { orders } from "./orders";
import { products } from "./products";

export const DATAFLOW_DEFINITIONS: Record<DataflowId, DataflowDefinition> = {
  customers,
  departments,
  products,
  orders,
};

export type { DataflowDefinition, LinesDefinition, MappingDirection, PropertyMapping } from "./definition";
