/**
 * The tests' own view of both systems, independent of the engine's mapping code: each record reduced to the
 * properties the tests edit, keyed by the dataflow's match key, so "converged" and "no duplicate" are checked by
 * reading the simulators directly.
 */
import type { World } from "./harness";

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
const money = (value: unknown) => (value === null || value === undefined ? null : Number(value).toFixed(2));
const lower = (value: unknown) => text(value)?.toLowerCase() ?? null;

export interface ProductView {
  sku: string;
  name: string | null;
  price: string | null;
  description: string | null;
  active: boolean;
}

export interface CustomerView {
  key: string;
  kind: "person" | "company";
  name: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  active: boolean;
}

export function poProducts(world: World): ProductView[] {
  return world.poweroffice.list("products").map((p) => ({
    sku: lower(p.Code) ?? "",
    name: text(p.Name),
    price: money(p.UnitPrice),
    description: text(p.Description),
    active: !p.IsArchived,
  }));
}

export function shopProducts(world: World): ProductView[] {
  return world.shop.list("products").map((p) => ({
    sku: lower(p.sku) ?? "",
    name: text(p.name),
    price: money(p.price),
    description: text(p.description),
    active: p.active,
  }));
}

/** Persons by e-mail, companies by org number (digits), else e-mail: the dataflow's match rule, written again here. */
function customerKey(kind: "person" | "company", email: unknown, org: unknown): string {
  const digits = typeof org === "string" ? org.replace(/\D/g, "") : "";
  if (kind === "company" && digits) return `org:${digits}`;
  return `email:${lower(email) ?? ""}`;
}

export function poCustomers(world: World): CustomerView[] {
  return world.poweroffice.list("customers").map((c) => {
    const kind = c.IsPerson ? "person" : "company";
    return {
      key: customerKey(kind, c.EmailAddress, c.OrganizationNumber),
      kind,
      name: kind === "company" ? text(c.Name) : `${text(c.FirstName)} ${text(c.LastName)}`,
      email: text(c.EmailAddress),
      phone: text(c.PhoneNumber),
      city: text(c.MailAddress?.City),
      active: !c.IsArchived,
    };
  });
}

export function shopCustomers(world: World): CustomerView[] {
  return world.shop
    .list("customers")
    .filter((c) => c.kind !== "department")
    .map((c) => {
      const kind = c.kind as "person" | "company";
      return {
        key: customerKey(kind, c.email, c.organization_number),
        kind,
        name: kind === "company" ? text(c.name) : `${text(c.first_name)} ${text(c.last_name)}`,
        email: text(c.email),
        phone: text(c.phone),
        city: text(c.billing_address?.city),
        active: c.active,
      };
    });
}

export const byKey = <T>(views: T[], key: (view: T) => string) =>
  [...views].sort((a, b) => key(a).localeCompare(key(b)));

/** Match keys held by more than one record on one side. */
export function duplicateKeys<T>(views: T[], key: (view: T) => string): string[] {
  const seen = new Map<string, number>();
  for (const view of views) seen.set(key(view), (seen.get(key(view)) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([k]) => k);
}

/** Requests that change something (not GET, not the token endpoint), per simulator, since `from` (an index). */
export function writes(world: World, from = { poweroffice: 0, webshop: 0 }) {
  const changes = (requests: Array<{ method: string; path: string }>) =>
    requests.filter((r) => r.method !== "GET" && !/\/OAuth\/Token$/i.test(r.path));
  return {
    poweroffice: changes(world.poweroffice.requests.slice(from.poweroffice)),
    webshop: changes(world.shop.requests.slice(from.webshop)),
  };
}

/** Where the request logs stand now, for `writes(world, mark(world))` later. */
export const mark = (world: World) => ({
  poweroffice: world.poweroffice.requests.length,
  webshop: world.shop.requests.length,
});
