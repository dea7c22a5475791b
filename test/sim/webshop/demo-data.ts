/**
 * Realistic Norwegian demo data for the local sandbox: a small interior shop whose customers and products partly
 * overlap the PowerOffice demo client (test/sim/poweroffice/demo-data.ts), so matching shows in the demo:
 * Fjordbris and Granly by org number (written with spaces here, compared digits only), Ingrid Haugen by e-mail
 * (other casing), the "Nettbutikk" department by code 900, and products STOL-ERGO, LAMPE-LED, FRAKT by SKU/Code.
 * The rest exists only in the shop and is what the sync creates in PowerOffice.
 */
import type { Customer, Order, Product, ReferenceWebshop } from "./index";

export interface DemoShop {
  customers: Customer[];
  products: Product[];
  orders: Order[];
}

const address = (line1: string, postal_code: string, city: string) => ({
  line1,
  line2: null,
  postal_code,
  city,
  country: "NO",
});

export function seedDemoShop(shop: ReferenceWebshop): DemoShop {
  const customers = [
    shop.seed.customer({
      kind: "company",
      name: "Fjordbris Interiør AS",
      organization_number: "952 601 814",
      email: "post@fjordbris.no",
      invoice_email: "faktura@fjordbris.no",
      phone: "+47 55 30 12 00",
      billing_address: address("Bryggen 12", "5003", "Bergen"),
    }),
    shop.seed.customer({
      kind: "company",
      name: "Granly Arkitekter AS",
      organization_number: "996030822",
      email: "hei@granly.no",
      billing_address: address("Thorvald Meyers gate 51", "0555", "Oslo"),
    }),
    shop.seed.customer({
      kind: "company",
      name: "Lysaker Tannlegesenter AS",
      organization_number: "921458738",
      email: "resepsjon@lysakertannlege.no",
      website: "https://lysakertannlege.no",
      billing_address: address("Lysaker torg 5", "1366", "Lysaker"),
    }),
    shop.seed.customer({
      kind: "person",
      first_name: "Ingrid",
      last_name: "Haugen",
      email: "Ingrid.Haugen@epost.no",
      phone: "+47 917 43 210",
      billing_address: address("Solbergveien 14", "1410", "Kolbotn"),
    }),
    shop.seed.customer({
      kind: "person",
      first_name: "Magnus",
      last_name: "Berg",
      email: "magnus.berg@epost.no",
      phone: "+47 936 20 118",
      billing_address: address("Nygårdsgaten 40", "5015", "Bergen"),
    }),
    shop.seed.customer({ kind: "department", name: "Nettbutikk", department_code: "900" }),
  ];

  const products = [
    product("STOL-ERGO", "Ergonomisk kontorstol", "3490.00", "1650.00", 18, "EA"),
    product("LAMPE-LED", "LED-skrivebordslampe", "690.00", "240.00", 42, "EA"),
    product("FRAKT", "Frakt og levering", "490.00", null, null, "EA", "service"),
    product("PUTE-LIN-50", "Putetrekk i lin 50x50", "349.00", "120.00", 64, "EA"),
    product("KURV-SJOGRESS", "Oppbevaringskurv i sjøgress", "429.00", "150.00", 25, "EA"),
    product("SKAMMEL-EIK", "Skammel i heltre eik", "1890.00", "820.00", 7, "EA"),
  ];
  const [chair, , shipping, cushion, basket] = products as [Product, Product, Product, Product, Product];

  const orders = [
    shop.seed.order({
      customer_id: customers[0]!.id,
      status: "confirmed",
      order_date: "2026-11-23",
      delivery_date: "2026-12-01",
      customer_reference: "Marte Lie",
      purchase_order_reference: "PO-2026-131",
      lines: [
        { product_id: chair.id, quantity: 4, discount_percent: 5 },
        { product_id: shipping.id, quantity: 1 },
      ],
    }),
    shop.seed.order({
      customer_id: customers[4]!.id,
      order_date: "2026-11-25",
      lines: [
        { product_id: cushion.id, quantity: 2 },
        { product_id: basket.id, quantity: 1, discount_percent: 10 },
        { product_id: shipping.id, quantity: 1 },
      ],
    }),
  ];
  return { customers, products, orders };

  function product(
    sku: string,
    name: string,
    price: string,
    cost_price: string | null,
    stock_quantity: number | null,
    unit: string,
    type: Product["type"] = "product",
  ) {
    return shop.seed.product({ sku, name, price, cost_price, stock_quantity, unit, type });
  }
}
