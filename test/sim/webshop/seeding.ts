/**
 * Seeds for tests and the demo: records stored directly (no HTTP, faults or webhooks) with valid defaults for
 * whatever is left out. Meta fields may be given, e.g. one `updated_at` for many records to test feed ties.
 */
import * as v from "valibot";
import { Customer, Order, Product } from "../../../shared/webshop";
import type { MemoryAdapter } from "../../../webshop-kit/src/adapters/memory/index";
import { describeFields } from "../../../webshop-kit/src/core/failure";
import { fieldProblems } from "../../../webshop-kit/src/core/issues";
import { CUSTOMER_TEMPLATE } from "../../../webshop-kit/src/domain/customers";
import { ordered } from "../../../webshop-kit/src/domain/model";
import { ORDER_TEMPLATE, totals } from "../../../webshop-kit/src/domain/orders";
import { findBySku, PRODUCT_TEMPLATE } from "../../../webshop-kit/src/domain/products";
import { newId, newOrderNumber, runSync } from "../../../webshop-kit/src/domain/steps";
import type { Line, Resource, ResourceTypes, SeedCustomer, SeedLine, SeedOrder, SeedProduct } from "./types";

/** The template with meta keys, so `ordered` keeps given meta fields in their place. */
function withMeta<T extends object>(template: T) {
  return { id: "", version: 1, ...template, created_at: "", updated_at: "" };
}

export function createSeeds(shop: MemoryAdapter, now: () => number) {
  let counter = 0;
  const today = () => new Date(Math.floor(now())).toISOString().slice(0, 10);

  function store<R extends Resource>(resource: R, schema: v.GenericSchema, fields: Partial<ResourceTypes[R]>) {
    const { id, version, created_at, updated_at, ...content } = fields as Partial<ResourceTypes[R]> & {
      id?: string;
      version?: number;
      created_at?: string;
      updated_at?: string;
    };
    const at = updated_at ?? created_at ?? shop.stamp(now());
    const record = {
      id: id ?? runSync(newId(resource), shop.sync),
      version: version ?? 1,
      ...content,
      created_at: created_at ?? at,
      updated_at: at,
    };
    const parsed = v.safeParse(schema, record);
    if (!parsed.success) throw new Error(`seed.${resource}: ${describeFields(fieldProblems(parsed.issues))}`);
    return shop.put(resource, record as ResourceTypes[R]) as ResourceTypes[R];
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
      order_date: today(),
      ...partial,
      order_number: partial.order_number ?? runSync(newOrderNumber(), shop.sync),
      customer_id: customerId,
      lines,
      ...totals(lines),
    };
    return store("orders", Order, ordered(withMeta(ORDER_TEMPLATE), fields) as Order);
  }

  function seedLine(line: SeedLine): Line {
    const found = line.product_id
      ? shop.sync.get("products", line.product_id)
      : line.sku
        ? runSync(findBySku(line.sku), shop.sync)
        : undefined;
    const product = (found ?? undefined) as Product | undefined;
    const id = line.id ?? runSync(newId("lines"), shop.sync);
    shop.reserveId("lines", id);
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
