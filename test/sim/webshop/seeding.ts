/**
 * Seeds for tests and the demo: records stored directly (no HTTP, faults or webhooks) with valid defaults for
 * whatever is left out. Meta fields may be given, e.g. one `updated_at` for many records to test feed ties.
 */
import * as v from "valibot";
import { Customer, Order, Product } from "../../../shared/webshop";
import { describeFields } from "./core/failure";
import { fieldProblems } from "./core/issues";
import { CUSTOMER_TEMPLATE } from "./domain/customers";
import { ordered } from "./domain/model";
import { ORDER_TEMPLATE, totals } from "./domain/orders";
import { findBySku, PRODUCT_TEMPLATE } from "./domain/products";
import type { ShopState } from "./domain/state";
import type { Line, Resource, ResourceTypes, SeedCustomer, SeedLine, SeedOrder, SeedProduct } from "./types";

/** The template with meta keys, so `ordered` keeps given meta fields in their place. */
function withMeta<T extends object>(template: T) {
  return { id: "", version: 1, ...template, created_at: "", updated_at: "" };
}

export function createSeeds(state: ShopState) {
  let counter = 0;

  function store<R extends Resource>(resource: R, schema: v.GenericSchema, fields: Partial<ResourceTypes[R]>) {
    const { id, version, created_at, updated_at, ...content } = fields as Partial<ResourceTypes[R]> & {
      id?: string;
      version?: number;
      created_at?: string;
      updated_at?: string;
    };
    const at = updated_at ?? created_at ?? state.clock.next();
    const record = {
      id: id ?? state.nextId(resource),
      version: version ?? 1,
      ...content,
      created_at: created_at ?? at,
      updated_at: at,
    };
    const parsed = v.safeParse(schema, record);
    if (!parsed.success) throw new Error(`seed.${resource}: ${describeFields(fieldProblems(parsed.issues))}`);
    state.reserveId(resource, record.id);
    return structuredClone(state.put(resource, record as ResourceTypes[R]));
  }

  function customer(partial: SeedCustomer) {
    const n = ++counter;
    const defaults = {
      person: { first_name: "Kari", last_name: `Nordmann ${n}` },
      company: { name: `Firma ${n} AS` },
      department: { name: `Avdeling ${n}`, department_code: `D${n}` },
    }[partial.kind];
    const fields = { ...CUSTOMER_TEMPLATE, ...defaults, ...partial };
    if (fields.kind === "person") fields.name = `${fields.first_name} ${fields.last_name}`;
    return store("customers", Customer, ordered(withMeta(CUSTOMER_TEMPLATE), fields) as Customer);
  }

  function product(partial: SeedProduct) {
    const fields = { ...PRODUCT_TEMPLATE, name: `Produkt ${partial.sku}`, price: "100.00", ...partial };
    return store("products", Product, ordered(withMeta(PRODUCT_TEMPLATE), fields) as Product);
  }

  function order(partial: SeedOrder = {}) {
    const customerId = partial.customer_id ?? customer({ kind: "person" }).id;
    const lines = (partial.lines ?? []).map(seedLine);
    const fields = {
      ...ORDER_TEMPLATE,
      order_date: state.clock.today(),
      ...partial,
      order_number: partial.order_number ?? state.nextOrderNumber(),
      customer_id: customerId,
      lines,
      ...totals(lines),
    };
    return store("orders", Order, ordered(withMeta(ORDER_TEMPLATE), fields) as Order);
  }

  function seedLine(line: SeedLine): Line {
    const product = line.product_id
      ? state.get("products", line.product_id)
      : line.sku
        ? findBySku(state, line.sku)
        : undefined;
    const id = line.id ?? state.nextId("lines");
    state.reserveId("lines", id);
    return {
      id,
      product_id: product?.id ?? line.product_id ?? null,
      sku: product?.sku ?? line.sku ?? null,
      description: line.description ?? product?.name ?? null,
      quantity: line.quantity ?? 1,
      unit_price: line.unit_price ?? product?.price ?? "0.00",
      discount_percent: line.discount_percent ?? 0,
      external_ids: line.external_ids ?? {},
    };
  }

  return { customer, product, order };
}
