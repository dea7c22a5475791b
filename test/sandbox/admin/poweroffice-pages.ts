/**
 * "PowerOffice view": the PowerOffice simulator's customers, departments, products and sales orders, with edit forms
 * that change them as a PowerOffice user would in its GUI (the simulator's `edit`: LastChanged moves, no webhook).
 */
import { Hono } from "hono";
import { html } from "hono/html";
import type { CustomerDto, DepartmentDto, EntityName, ProductDto } from "../../sim/poweroffice/index";
import type { Customer, Product } from "../../sim/webshop/index";
import type { AdminContext } from "./context";
import { editForm } from "./edit-form";
import { type Field, type FormData, patchFromForm } from "./fields";
import { type Html, nok, page, when } from "./layout";
import { PO_CUSTOMER_FIELDS, PO_DEPARTMENT_FIELDS, PO_PRODUCT_FIELDS } from "./poweroffice-fields";
import { formOf, pageInfo, savedQuery } from "./request-info";

type Editable = "customers" | "departments" | "products";
type Dto = CustomerDto | DepartmentDto | ProductDto;

const EDITABLE: Record<Editable, { singular: string; fields: readonly Field<never>[] }> = {
  customers: { singular: "Customer", fields: PO_CUSTOMER_FIELDS as readonly Field<never>[] },
  departments: { singular: "Department", fields: PO_DEPARTMENT_FIELDS as readonly Field<never>[] },
  products: { singular: "Product", fields: PO_PRODUCT_FIELDS as readonly Field<never>[] },
};

const isEditable = (entity: string): entity is Editable => entity in EDITABLE;
const po = html`<span class="system po">PowerOffice</span>`;

export function powerOfficePages(ctx: AdminContext): Hono {
  const app = new Hono();

  app.get("/", (c) => c.html(page(pageInfo(c, "PowerOffice view"), overview(ctx))));

  app.get("/:entity/:id", (c) => {
    const entity = c.req.param("entity");
    const record = isEditable(entity) ? ctx.sim.get(entity, Number(c.req.param("id"))) : undefined;
    if (!isEditable(entity) || !record) return c.html(page(pageInfo(c, "Not found"), notFound()), 404);
    return c.html(page(pageInfo(c, titleOf(entity, record)), recordPage(ctx, entity, record)));
  });

  app.post("/:entity/:id", async (c) => {
    const entity = c.req.param("entity");
    const id = Number(c.req.param("id"));
    const record = isEditable(entity) ? ctx.sim.get(entity, id) : undefined;
    if (!isEditable(entity) || !record) return c.html(page(pageInfo(c, "Not found"), notFound()), 404);
    const form = await formOf(c);
    const parsed = patchFromForm(EDITABLE[entity].fields as readonly Field<Dto>[], record, form);
    const refuse = (message: string) => {
      const info = { ...pageInfo(c, titleOf(entity, record)), notice: { kind: "error" as const, text: message } };
      return c.html(page(info, recordPage(ctx, entity, record, form)), 422);
    };
    if (!parsed.ok) return refuse(parsed.message);
    if (parsed.changed.length > 0) {
      try {
        ctx.sim.edit(entity as EntityName, id, parsed.patch as never);
      } catch (error) {
        return refuse(`PowerOffice refused the change: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return c.redirect(`/poweroffice/${entity}/${id}${savedQuery(parsed.changed, "poweroffice")}`, 303);
  });

  return app;
}

function overview(ctx: AdminContext): Html {
  const customers = ctx.sim.list("customers");
  const departments = ctx.sim.list("departments");
  const products = ctx.sim.list("products");
  const orders = ctx.sim.list("salesOrders");
  const customerName = new Map(customers.map((c) => [c.Id, c.Name ?? ""]));
  return html`<h1>${po}PowerOffice view</h1>
<p class="lead">The PowerOffice GO client as its accountant sees it (the simulator, seeded with demo data). Edit a record
here as a PowerOffice user would; PowerOffice has no webhooks, so the worker sees the change at its next cron run —
every minute, or now with “Run sync now”.</p>

<h2 id="po-customers">Customers (${customers.length})</h2>
<table aria-labelledby="po-customers">
<thead><tr><th>No.</th><th>Name</th><th>Org. no.</th><th>E-mail</th><th>Phone</th><th>City</th><th>Last changed (UTC)</th></tr></thead>
<tbody>${customers.map(
    (c) => html`<tr>
  <td>${c.Number ?? ""}</td>
  <td><a href="/poweroffice/customers/${c.Id}">${c.Name}</a>${c.IsArchived ? html` <span class="muted">(archived)</span>` : ""}</td>
  <td>${c.OrganizationNumber ?? ""}</td><td>${c.EmailAddress ?? ""}</td><td>${c.PhoneNumber ?? ""}</td>
  <td>${c.MailAddress?.City ?? ""}</td><td class="muted">${when(c.LastChangedDateTimeOffset)}</td>
</tr>`,
  )}</tbody></table>

<h2 id="po-departments">Departments (${departments.length})</h2>
<table aria-labelledby="po-departments">
<thead><tr><th>Code</th><th>Name</th><th>Active</th><th>Last changed (UTC)</th></tr></thead>
<tbody>${departments.map(
    (d) => html`<tr>
  <td>${d.Code ?? ""}</td><td><a href="/poweroffice/departments/${d.Id}">${d.Name}</a></td>
  <td>${d.IsActive ? "yes" : "no"}</td><td class="muted">${when(d.LastChangedDateTimeOffset)}</td>
</tr>`,
  )}</tbody></table>

<h2 id="po-products">Products (${products.length})</h2>
<table aria-labelledby="po-products">
<thead><tr><th>Code</th><th>Name</th><th>Price excl. VAT</th><th>Stock</th><th>Last changed (UTC)</th></tr></thead>
<tbody>${products.map(
    (p) => html`<tr>
  <td>${p.Code ?? ""}</td>
  <td><a href="/poweroffice/products/${p.Id}">${p.Name}</a>${p.IsArchived ? html` <span class="muted">(archived)</span>` : ""}</td>
  <td class="num">${nok(p.UnitPrice)}</td><td class="num">${p.IsStockItem ? (p.StockOnHand ?? 0) : "–"}</td>
  <td class="muted">${when(p.LastChangedDateTimeOffset)}</td>
</tr>`,
  )}</tbody></table>

<h2 id="po-orders">Sales orders (${orders.length})</h2>
<p class="muted">Read only here. Orders placed in the shop arrive here through the sync.</p>
<table aria-labelledby="po-orders">
<thead><tr><th>Order no.</th><th>Customer</th><th>Date</th><th>Status</th><th>Total incl. VAT</th><th>From the shop</th></tr></thead>
<tbody>${orders.map(
    (o) => html`<tr>
  <td>${o.SalesOrderNo ?? ""}</td><td>${customerName.get(o.CustomerId ?? -1) ?? ""}</td><td>${o.SalesOrderDate ?? ""}</td>
  <td>${o.SalesOrderStatus ?? ""}</td><td class="num">${nok(o.TotalAmount)}</td>
  <td class="muted">${o.ExternalImportReference ?? ""}</td>
</tr>`,
  )}</tbody></table>`;
}

function titleOf(entity: Editable, record: Dto): string {
  return `${EDITABLE[entity].singular} ${record.Name ?? record.Id}`;
}

function recordPage(ctx: AdminContext, entity: Editable, record: Dto, typed?: FormData): Html {
  const partner = shopPartner(ctx, entity, record.Id);
  return html`<p><a href="/poweroffice">← PowerOffice view</a></p>
<h1>${po}${titleOf(entity, record)}</h1>
<div class="columns">
  <section class="card" aria-labelledby="edit-heading">
    <h2 id="edit-heading" style="margin-top:0">Edit in PowerOffice</h2>
    ${editForm({
      fields: EDITABLE[entity].fields as readonly Field<Dto>[],
      record,
      action: `/poweroffice/${entity}/${record.Id}`,
      submit: "Save in PowerOffice",
      typed,
    })}
  </section>
  <section class="card" aria-labelledby="facts-heading">
    <h2 id="facts-heading" style="margin-top:0">Record</h2>
    <dl class="facts">
      <dt>PowerOffice id</dt><dd>${record.Id}</dd>
      ${"Number" in record && record.Number ? html`<dt>Customer no.</dt><dd>${record.Number}</dd>` : ""}
      <dt>Last changed</dt><dd>${when(record.LastChangedDateTimeOffset)} UTC</dd>
      <dt>In the webshop</dt><dd>${
        partner
          ? html`<a href="/shop/${partner.resource}/${partner.id}">${partner.label}</a>`
          : html`<span class="muted">not linked yet</span>`
      }</dd>
    </dl>
  </section>
</div>`;
}

/** The shop record the sync linked to this one: the shop keeps PowerOffice's id in its external_ids. */
function shopPartner(ctx: AdminContext, entity: Editable, id: number) {
  const value = String(id);
  if (entity === "products") {
    const found = ctx.shop.list("products").find((p: Product) => p.external_ids.poweroffice_product === value);
    return found && { resource: "products", id: found.id, label: `${found.sku} (${found.id})` };
  }
  const key = entity === "customers" ? "poweroffice_customer" : "poweroffice_department";
  const found = ctx.shop.list("customers").find((c: Customer) => c.external_ids[key] === value);
  return found && { resource: "customers", id: found.id, label: `${found.name} (${found.id})` };
}

function notFound(): Html {
  return html`<h1>Not found</h1><p><a href="/poweroffice">Back to the PowerOffice view</a></p>`;
}
