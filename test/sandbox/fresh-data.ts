/**
 * What `npm start -- --fresh` seeds on top of the demo data (test/sim/*\/demo-data.ts), so the preview before the
 * first sync has one of everything to show: besides the matches and the creates on both sides the demo data holds
 * already, an ambiguous pair (two shop customers share Ola Nordmann's e-mail), archived records on both sides
 * (a PowerOffice customer and product, an inactive shop product) and a cancelled shop order.
 */
import type { PowerOfficeSim } from "../sim/poweroffice/index";
import type { ReferenceWebshop } from "../sim/webshop/index";

export interface FreshExtras {
  /** The shop customers that share one PowerOffice person's e-mail. */
  ambiguous: string[];
  archived: { poweroffice: number[]; webshop: string[] };
  cancelledOrder: string;
}

export function seedFreshExtras(sim: PowerOfficeSim, shop: ReferenceWebshop): FreshExtras {
  // PowerOffice's Ola Nordmann (demo-data.ts) has ola.nordmann@epost.no: two shop customers claim it.
  const ambiguous = [
    shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Nordmann", email: "ola.nordmann@epost.no" }),
    shop.seed.customer({
      kind: "person",
      first_name: "Ola",
      last_name: "Nordmann jr.",
      email: "Ola.Nordmann@epost.no",
      phone: "+47 482 11 904",
    }),
  ].map((c) => c.id);
  const archivedCustomer = sim.seed.customer({
    Name: "Gamle Kontormøbler AS",
    OrganizationNumber: "974760673",
    EmailAddress: "post@gamlekontor.no",
    IsArchived: true,
  });
  const archivedProduct = sim.seed.product({
    Code: "STOL-KLASSIK",
    Name: "Klassisk kontorstol (utgått)",
    UnitPrice: 1990,
    IsArchived: true,
  });
  const inactive = shop.seed.product({
    sku: "VASE-GLASS",
    name: "Glassvase (utsolgt)",
    price: "299.00",
    active: false,
  });
  const customer = shop.list("customers").find((c) => c.kind === "company");
  const lamp = shop.list("products").find((p) => p.sku === "LAMPE-LED");
  const cancelled = shop.seed.order({
    ...(customer ? { customer_id: customer.id } : {}),
    status: "cancelled",
    order_date: "2026-11-18",
    lines: lamp ? [{ product_id: lamp.id, quantity: 1 }] : [],
  });
  return {
    ambiguous,
    archived: { poweroffice: [archivedCustomer.Id, archivedProduct.Id], webshop: [inactive.id] },
    cancelledOrder: cancelled.id,
  };
}
