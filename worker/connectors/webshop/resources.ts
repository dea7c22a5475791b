/** Per resource: the contract's schemas, the fields a record can be looked up by, and how it is archived. */
import type * as v from "valibot";
import {
  Customer,
  CustomerCreate,
  CustomerPatch,
  Order,
  OrderCreate,
  OrderPatch,
  Product,
  ProductCreate,
  ProductPatch,
  type Resource,
} from "../../../shared/webshop";

export type WebshopRecord = Customer | Product | Order;

/** Each resource's record, create body and merge patch body. */
export interface ResourceTypes {
  customers: { record: Customer; create: CustomerCreate; patch: CustomerPatch };
  products: { record: Product; create: ProductCreate; patch: ProductPatch };
  orders: { record: Order; create: OrderCreate; patch: OrderPatch };
}
export type RecordOf<R extends Resource> = ResourceTypes[R]["record"];
export type CreateOf<R extends Resource> = ResourceTypes[R]["create"];
export type PatchOf<R extends Resource> = ResourceTypes[R]["patch"];

/** The match fields the contract lets each resource be filtered by (besides external_id). */
export const MATCH_FIELDS = {
  customers: ["email", "organization_number", "department_code"],
  products: ["sku"],
  orders: ["order_number"],
} as const satisfies Record<Resource, readonly string[]>;
export type MatchField<R extends Resource> = (typeof MATCH_FIELDS)[R][number];

interface ResourceSpec<R extends Resource> {
  record: v.GenericSchema<unknown, RecordOf<R>>;
  create: v.GenericSchema<unknown, CreateOf<R>>;
  patch: v.GenericSchema<unknown, PatchOf<R>>;
  /** The merge patch that archives a record: the worker never calls DELETE. */
  archive: PatchOf<R>;
}

export const RESOURCE_SPECS: { [R in Resource]: ResourceSpec<R> } = {
  customers: { record: Customer, create: CustomerCreate, patch: CustomerPatch, archive: { active: false } },
  products: { record: Product, create: ProductCreate, patch: ProductPatch, archive: { active: false } },
  orders: { record: Order, create: OrderCreate, patch: OrderPatch, archive: { status: "cancelled" } },
};
