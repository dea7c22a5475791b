/**
 * Tagged records for the rules: each carries the run tag in its sku, email or name, so the kit only ever touches
 * what it made, and each one made is tracked for cleanup. Bodies use realistic Norwegian data (NOK, excl. VAT).
 */
import type { Resource } from "../../shared/webshop";
import { check, describe } from "./checks";
import type { Reply, ShopClient } from "./client";

/** The fields every rule relies on; the format rules check the rest against the contract's schemas. */
export type ShopRecord = Record<string, unknown> & { id: string; version: number; updated_at: string };

export class Fixtures {
  /** Ids the kit created, per resource, in creation order (an idempotent replay is counted once). */
  readonly created: Record<Resource, Set<string>> = { customers: new Set(), products: new Set(), orders: new Set() };
  private shared = new Map<string, Promise<ShopRecord>>();

  constructor(
    private readonly shop: ShopClient,
    private readonly tag: string,
    private readonly unique: (label: string) => string,
  ) {}

  productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      sku: this.unique("sku"),
      name: `${this.tag} Kaffe, hele bønner 500 g`,
      type: "product",
      price: "199.00",
      cost_price: "92.50",
      unit: "EA",
      external_ids: { poweroffice_product: this.unique("po") },
      ...overrides,
    };
  }

  companyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      kind: "company",
      name: `${this.tag} Fjordbygg AS`,
      email: `${this.unique("post")}@example.com`,
      organization_number: this.organizationNumber(),
      billing_address: { line1: "Strandkaien 12", line2: null, postal_code: "5013", city: "Bergen", country: "NO" },
      external_ids: { poweroffice_customer: this.unique("po") },
      ...overrides,
    };
  }

  personBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      kind: "person",
      first_name: "Kari",
      last_name: `Nordmann ${this.tag}`,
      email: `${this.unique("kari")}@example.com`,
      ...overrides,
    };
  }

  departmentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      kind: "department",
      name: `${this.tag} avdeling Bergen`,
      department_code: this.unique("avd"),
      ...overrides,
    };
  }

  async orderBody(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const [customer, product] = await Promise.all([this.sharedCustomer(), this.sharedProduct()]);
    return {
      order_number: this.unique("ordre"),
      customer_id: customer.id,
      status: "pending",
      order_date: "2026-11-26",
      currency: "NOK",
      lines: [
        { product_id: product.id, sku: product.sku, description: "Kaffe 500 g", quantity: 2, unit_price: "199.00" },
        { product_id: null, description: "Frakt", quantity: 1, unit_price: "99.00" },
      ],
      external_ids: { poweroffice_sales_order: this.unique("po") },
      ...overrides,
    };
  }

  /** A fresh, run-unique Idempotency-Key. */
  idempotencyKey(): string {
    return this.unique("key");
  }

  /** POSTs `body` with a fresh Idempotency-Key and expects 201 with a record. */
  async create(resource: Resource, body: Record<string, unknown>): Promise<ShopRecord> {
    const reply = await this.shop.post(resource, body, this.idempotencyKey());
    return expectCreated(reply, resource);
  }

  product(overrides?: Record<string, unknown>): Promise<ShopRecord> {
    return this.create("products", this.productBody(overrides));
  }

  company(overrides?: Record<string, unknown>): Promise<ShopRecord> {
    return this.create("customers", this.companyBody(overrides));
  }

  async order(overrides?: Record<string, unknown>): Promise<ShopRecord> {
    return this.create("orders", await this.orderBody(overrides));
  }

  /** One company and one product shared by the rules that only need something to point at. */
  sharedCustomer(): Promise<ShopRecord> {
    return this.once("customer", () => this.company());
  }

  sharedProduct(): Promise<ShopRecord> {
    return this.once("product", () => this.product());
  }

  /** A valid Norwegian organisation number (mod 11), different for every call within a run. */
  organizationNumber(): string {
    for (;;) {
      const digits = `9${String(hash(this.unique("orgnr")) % 10_000_000).padStart(7, "0")}`;
      const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
      const control = (11 - (sum % 11)) % 11;
      if (control !== 10) return `${digits}${control}`;
    }
  }

  private once(name: string, make: () => Promise<ShopRecord>): Promise<ShopRecord> {
    let made = this.shared.get(name);
    if (!made) {
      made = make();
      // A failed setup is reported by the rule that needed it; the next rule tries again.
      made.catch(() => this.shared.delete(name));
      this.shared.set(name, made);
    }
    return made;
  }
}

export function expectCreated(reply: Reply, resource: Resource): ShopRecord {
  const body = reply.json as Partial<ShopRecord> | undefined;
  check(
    reply.status === 201 &&
      typeof body?.id === "string" &&
      typeof body.version === "number" &&
      typeof body.updated_at === "string",
    `201 with the new record (id, version, updated_at) when creating one of ${resource} for this rule`,
    describe(reply),
  );
  return body as ShopRecord;
}

/** FNV-1a: turns a run-unique label into digits, so org numbers differ between runs without Math.random. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
