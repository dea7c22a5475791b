/**
 * "Webshop view": the reference webshop's customers, products and orders as its admin sees them. Each record page
 * is where a real shop would embed the record widget (`<poweroffice-sync-record>`); its edit form saves through the
 * shop's own `edit`, which sends the signed webhook to the worker, as the shop's admin UI would.
 */
import { Hono } from "hono";
import { html } from "hono/html";
import type { Resource } from "../../../shared/api";
import type { Customer, Order, Product, ResourceTypes } from "../../sim/webshop/index";
import type { AdminContext } from "./context";
import { editForm } from "./edit-form";
import { type Field, type FormData, patchFromForm } from "./fields";
import { type Html, nok, page, when } from "./layout";
import { formOf, pageInfo, savedQuery } from "./request-info";
import { SHOP_CUSTOMER_FIELDS, SHOP_ORDER_FIELDS, SHOP_PRODUCT_FIELDS } from "./shop-fields";
import { recordElement, widgetHead } from "./widget-embed";

type ShopRecord = ResourceTypes[Resource];

const RESOURCES: Record<Resource, { singular: string; fields: readonly Field<never>[] }> = {
  customers: { singular: "Customer", fields: SHOP_CUSTOMER_FIELDS as readonly Field<never>[] },
  products: { singular: "Product", fields: SHOP_PRODUCT_FIELDS as readonly Field<never>[] },
  orders: { singular: "Order", fields: SHOP_ORDER_FIELDS as readonly Field<never>[] },
};

const isResource = (name: string): name is Resource => name in RESOURCES;
const shop = html`<span class="system shop">Webshop</span>`;

export function shopPages(ctx: AdminContext): Hono {
  const app = new Hono();

  app.get("/", (c) => c.html(page(pageInfo(c, "Webshop view"), overview(ctx))));

  app.get("/:resource/:id", (c) => {
    const resource = c.req.param("resource");
    const record = isResource(resource) ? ctx.shop.get(resource, c.req.param("id")) : undefined;
    if (!isResource(resource) || !record) return c.html(page(pageInfo(c, "Not found"), notFound()), 404);
    const info = { ...pageInfo(c, titleOf(resource, record)), head: widgetHead(ctx.workerUrl) };
    return c.html(page(info, recordPage(ctx, resource, record)));
  });

  app.post("/:resource/:id", async (c) => {
    const resource = c.req.param("resource");
    const id = c.req.param("id");
    const record = isResource(resource) ? ctx.shop.get(resource, id) : undefined;
    if (!isResource(resource) || !record) return c.html(page(pageInfo(c, "Not found"), notFound()), 404);
    const form = await formOf(c);
    const parsed = patchFromForm(RESOURCES[resource].fields as readonly Field<ShopRecord>[], record, form);
    const refuse = (message: string) => {
      const info = {
        ...pageInfo(c, titleOf(resource, record)),
        head: widgetHead(ctx.workerUrl),
        notice: { kind: "error" as const, text: message },
      };
      return c.html(page(info, recordPage(ctx, resource, record, form)), 422);
    };
    if (!parsed.ok) return refuse(parsed.message);
    if (parsed.changed.length > 0) {
      try {
        ctx.shop.edit(resource, id, withWholeAddress(record, parsed.patch));
      } catch (error) {
        return refuse(`The shop refused the change: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return c.redirect(`/shop/${resource}/${id}${savedQuery(parsed.changed, "shop")}`, 303);
  });

  return app;
}

/** A merge patch replaces `billing_address` whole, so a changed city is sent with the rest of the address. */
function withWholeAddress(record: ShopRecord, patch: Record<string, unknown>): Record<string, unknown> {
  if (!("billing_address" in patch) || !("kind" in record)) return patch;
  const empty = { line1: null, line2: null, postal_code: null, city: null, country: "NO" };
  return { ...patch, billing_address: { ...empty, ...record.billing_address, ...(patch.billing_address as object) } };
}

function overview(ctx: AdminContext): Html {
  const customers = ctx.shop.list("customers");
  const products = ctx.shop.list("products");
  const orders = ctx.shop.list("orders");
  const customerName = new Map(customers.map((c) => [c.id, c.name]));
  return html`<h1>${shop}Webshop view</h1>
<p class="lead">The shop's own admin (the reference webshop, seeded with demo data). Open a record to edit it and to
see its sync state in the record widget; a save sends a signed webhook to the worker, which writes the change to
PowerOffice within seconds. The PowerOffice column is the id the sync stored on the record when it linked it.</p>

<h2 id="shop-customers">Customers (${customers.length})</h2>
<table aria-labelledby="shop-customers">
<thead><tr><th>Name</th><th>Kind</th><th>Org. no. / code</th><th>E-mail</th><th>Phone</th><th>PowerOffice id</th><th>Updated (UTC)</th></tr></thead>
<tbody>${customers.map(
    (c) => html`<tr>
  <td><a href="/shop/customers/${c.id}">${c.name}</a>${c.active ? "" : html` <span class="muted">(inactive)</span>`}</td>
  <td>${c.kind}</td><td>${c.organization_number ?? c.department_code ?? ""}</td><td>${c.email ?? ""}</td>
  <td>${c.phone ?? ""}</td><td>${c.external_ids.poweroffice_customer ?? c.external_ids.poweroffice_department ?? "–"}</td>
  <td class="muted">${when(c.updated_at)}</td>
</tr>`,
  )}</tbody></table>

<h2 id="shop-products">Products (${products.length})</h2>
<table aria-labelledby="shop-products">
<thead><tr><th>SKU</th><th>Name</th><th>Price excl. VAT</th><th>Stock</th><th>PowerOffice id</th><th>Updated (UTC)</th></tr></thead>
<tbody>${products.map(
    (p) => html`<tr>
  <td>${p.sku}</td>
  <td><a href="/shop/products/${p.id}">${p.name}</a>${p.active ? "" : html` <span class="muted">(inactive)</span>`}</td>
  <td class="num">${nok(p.price)}</td><td class="num">${p.stock_quantity ?? "–"}</td>
  <td>${p.external_ids.poweroffice_product ?? "–"}</td><td class="muted">${when(p.updated_at)}</td>
</tr>`,
  )}</tbody></table>

<h2 id="shop-orders">Orders (${orders.length})</h2>
<table aria-labelledby="shop-orders">
<thead><tr><th>Order no.</th><th>Customer</th><th>Date</th><th>Status</th><th>Total incl. VAT</th><th>PowerOffice order no.</th></tr></thead>
<tbody>${orders.map(
    (o) => html`<tr>
  <td><a href="/shop/orders/${o.id}">${o.order_number}</a></td><td>${customerName.get(o.customer_id) ?? o.customer_id}</td>
  <td>${o.order_date ?? ""}</td><td>${o.status}</td><td class="num">${nok(o.total_incl_vat)}</td>
  <td>${o.external_ids.poweroffice_order_no ?? "–"}</td>
</tr>`,
  )}</tbody></table>`;
}

function titleOf(resource: Resource, record: ShopRecord): string {
  const name = "order_number" in record ? record.order_number : record.name;
  return `${RESOURCES[resource].singular} ${name}`;
}

function recordPage(ctx: AdminContext, resource: Resource, record: ShopRecord, typed?: FormData): Html {
  return html`<p><a href="/shop">← Webshop view</a></p>
<h1>${shop}${titleOf(resource, record)}</h1>
<div class="columns">
  <div>
    <section class="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading" style="margin-top:0">Edit in the webshop</h2>
      ${editForm({
        fields: RESOURCES[resource].fields as readonly Field<ShopRecord>[],
        record,
        action: `/shop/${resource}/${record.id}`,
        submit: "Save in the webshop",
        typed,
      })}
    </section>
    ${"lines" in record ? orderLines(ctx, record) : ""}
  </div>
  <div>
    <div class="widget-slot">${recordElement(ctx.workerUrl, resource, record.id)}</div>
    <section class="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading" style="margin-top:0">Record</h2>
      <dl class="facts">
        <dt>Shop id</dt><dd>${record.id}</dd>
        <dt>Version</dt><dd>${record.version}</dd>
        <dt>Updated</dt><dd>${when(record.updated_at)} UTC</dd>
        <dt>In PowerOffice</dt><dd>${poweroffice(record)}</dd>
      </dl>
    </section>
  </div>
</div>`;
}

/** Where the linked PowerOffice record is, from the ids the sync stored on the shop record. */
function poweroffice(record: ShopRecord): Html | string {
  const ids = record.external_ids;
  if ("lines" in record) {
    return ids.poweroffice_order_no ? `sales order ${ids.poweroffice_order_no}` : "not linked yet";
  }
  const [entity, id] = ids.poweroffice_product
    ? ["products", ids.poweroffice_product]
    : ids.poweroffice_department
      ? ["departments", ids.poweroffice_department]
      : ["customers", ids.poweroffice_customer];
  if (!id) return "not linked yet";
  return html`<a href="/poweroffice/${entity}/${id}">open in the PowerOffice view (id ${id})</a>`;
}

function orderLines(ctx: AdminContext, order: Order): Html {
  const products = new Map(ctx.shop.list("products").map((p: Product) => [p.id, p]));
  const customer: Customer | undefined = ctx.shop.get("customers", order.customer_id);
  return html`<section class="card" aria-labelledby="lines-heading">
  <h2 id="lines-heading" style="margin-top:0">Lines</h2>
  <p class="muted">Customer: ${customer ? html`<a href="/shop/customers/${customer.id}">${customer.name}</a>` : order.customer_id}
  · ordered ${order.order_date ?? "–"} · ${order.currency}</p>
  <table>
    <thead><tr><th>Product</th><th>Qty</th><th>Unit price</th><th>Discount</th></tr></thead>
    <tbody>${order.lines.map(
      (l) => html`<tr>
      <td>${l.product_id ? (products.get(l.product_id)?.name ?? l.sku) : (l.description ?? "")}</td>
      <td class="num">${l.quantity}</td><td class="num">${nok(l.unit_price)}</td>
      <td class="num">${l.discount_percent ? `${l.discount_percent} %` : ""}</td>
    </tr>`,
    )}</tbody>
  </table>
  <p style="text-align:right;margin-bottom:0">Total excl. VAT <strong>${nok(order.total_excl_vat)}</strong> ·
  incl. VAT <strong>${nok(order.total_incl_vat)}</strong></p>
</section>`;
}

function notFound(): Html {
  return html`<h1>Not found</h1><p><a href="/shop">Back to the webshop view</a></p>`;
}
