/**
 * The backfill benchmark's data, seeded straight into both simulators: half of the customers, products and orders
 * start in PowerOffice, half in the shop (both directions), departments only in PowerOffice, orders with 1–5 lines.
 * Full scale is 10,000 / 200 / 5,000 / 2,000; `npm run bench` runs a tenth unless BENCH_SCALE=1.
 */
import type { PowerOfficeSim } from "../test/sim/poweroffice/index";
import type { ReferenceWebshop } from "../test/sim/webshop/index";
import { seeded } from "./core-planning";

const FULL = { customers: 10_000, departments: 200, products: 5_000, orders: 2_000 };
const factor = Number(process.env.BENCH_SCALE ?? 0.1);

export const SCALE = {
  customers: Number(process.env.BENCH_CUSTOMERS ?? Math.round(FULL.customers * factor)),
  departments: Number(process.env.BENCH_DEPARTMENTS ?? Math.round(FULL.departments * factor)),
  products: Number(process.env.BENCH_PRODUCTS ?? Math.round(FULL.products * factor)),
  orders: Number(process.env.BENCH_ORDERS ?? Math.round(FULL.orders * factor)),
};

export const scaleText = () =>
  `${SCALE.customers} customers, ${SCALE.departments} departments, ${SCALE.products} products, ${SCALE.orders} orders`;

export interface SeedCounts {
  poweroffice: { customers: number; departments: number; products: number; orders: number };
  webshop: { customers: number; products: number; orders: number };
}

export function counts(po: PowerOfficeSim, shop: ReferenceWebshop): SeedCounts {
  return {
    poweroffice: {
      customers: po.count("customers"),
      departments: po.count("departments"),
      products: po.count("products"),
      orders: po.count("salesOrders"),
    },
    webshop: { customers: shop.count("customers"), products: shop.count("products"), orders: shop.count("orders") },
  };
}

/** Seeds both sides; returns how many order lines were made. Deterministic (seeded random). */
export function seedBothSides(po: PowerOfficeSim, shop: ReferenceWebshop): { orderLines: number } {
  const rnd = seeded(2);
  const half = (n: number) => Math.floor(n / 2);
  const poCustomers = Array.from({ length: half(SCALE.customers) }, (_, i) =>
    po.seed.customer({ Name: `PO Kunde ${i} AS`, EmailAddress: `po${i}@kunde.no`, OrganizationNumber: null }),
  );
  for (let i = 0; i < SCALE.departments; i++)
    po.seed.department({ Code: `D${i}`, Name: `Avdeling ${i}`, IsActive: true });
  const poProducts = Array.from({ length: half(SCALE.products) }, (_, i) =>
    po.seed.product({ Code: `PO-SKU-${i}`, Name: `PO vare ${i}`, UnitPrice: 10 + Math.floor(rnd() * 5000) }),
  );
  const shopCustomers = Array.from({ length: SCALE.customers - half(SCALE.customers) }, (_, i) =>
    shop.seed.customer({ kind: "person", first_name: "Ola", last_name: `Nordmann ${i}`, email: `ola${i}@shop.no` }),
  );
  const shopProducts = Array.from({ length: SCALE.products - half(SCALE.products) }, (_, i) =>
    shop.seed.product({ sku: `WS-SKU-${i}`, name: `Shop vare ${i}`, price: `${10 + Math.floor(rnd() * 5000)}.00` }),
  );
  const lines = () => 1 + Math.floor(rnd() * 5);
  const pickOf = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  let orderLines = 0;
  for (let i = 0; i < half(SCALE.orders); i++) {
    const n = lines();
    orderLines += n;
    po.seed.salesOrder(
      { CustomerId: pickOf(poCustomers).Id },
      Array.from({ length: n }, () => ({ ProductId: pickOf(poProducts).Id, Quantity: 1 + Math.floor(rnd() * 4) })),
    );
  }
  for (let i = 0; i < SCALE.orders - half(SCALE.orders); i++) {
    const n = lines();
    orderLines += n;
    shop.seed.order({
      customer_id: pickOf(shopCustomers).id,
      lines: Array.from({ length: n }, () => {
        const p = pickOf(shopProducts);
        return { product_id: p.id, quantity: 1 + Math.floor(rnd() * 4), unit_price: p.price };
      }),
    });
  }
  return { orderLines };
}
