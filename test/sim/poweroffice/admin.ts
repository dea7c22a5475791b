/**
 * The simulator's back door for tests and the demo: seed, inspect and edit state as a PowerOffice user would,
 * bypassing HTTP, faults, rate limit and replica lag.
 */
import { createCustomer, editCustomer, renderCustomer } from "./domain/customers";
import { createDepartment, editDepartment, renderDepartment } from "./domain/departments";
import { createProduct, editProduct, renderProduct } from "./domain/products";
import { asSetupError } from "./domain/rules";
import { editLine } from "./domain/sales-order-line-edits";
import { renderLine } from "./domain/sales-order-lines";
import { createSalesOrder, editSalesOrder, invoiceSalesOrder, renderCompleteSalesOrder } from "./domain/sales-orders";
import type { SimState } from "./domain/state";
import { customerFields } from "./schema/customer-fields";
import { departmentFields } from "./schema/department-fields";
import type { Spec } from "./schema/field-spec";
import { productFields } from "./schema/product-fields";
import { lineFields, salesOrderFields } from "./schema/sales-order-fields";
import { readObject } from "./schema/values";
import { SeedDefaults } from "./seed-defaults";
import type { EntityDtos, EntityId, EntityName, PowerOfficeSim } from "./types";

type Admin = Pick<
  PowerOfficeSim,
  "seed" | "list" | "count" | "get" | "edit" | "editLine" | "invoiceOrder" | "deleteRecord"
>;

const GUI = { via: "gui" } as const;

export function createAdmin(state: SimState, applicationKey: string): Admin {
  const defaults = new SeedDefaults();
  // Seeds and edits may carry any DTO field, read-only ones and timestamps included (flag D).
  const read = (spec: Spec, value: object | undefined, what: string) =>
    asSetupError(what, () => readObject(spec, value ?? {}, "$", "D"));
  const tables = {
    customers: state.customers,
    departments: state.departments,
    products: state.products,
    salesOrders: state.salesOrders,
  };
  const key = (entity: EntityName, id: EntityId) => (entity === "salesOrders" ? String(id).toLowerCase() : String(id));
  const render = <E extends EntityName>(entity: E, row: object): EntityDtos[E] => {
    const r = row as never;
    if (entity === "customers") return renderCustomer(state, r) as EntityDtos[E];
    if (entity === "departments") return renderDepartment(state, r) as EntityDtos[E];
    if (entity === "products") return renderProduct(state, r) as EntityDtos[E];
    return renderCompleteSalesOrder(state, r, applicationKey) as EntityDtos[E];
  };

  return {
    seed: {
      customer: (p) => {
        const input = read(customerFields, defaults.customer(p ?? {}), "seed.customer");
        return render(
          "customers",
          asSetupError("seed.customer", () => createCustomer(state, input, GUI)),
        );
      },
      department: (p) => {
        const input = read(departmentFields, defaults.department(p ?? {}), "seed.department");
        return render(
          "departments",
          asSetupError("seed.department", () => createDepartment(state, input, GUI)),
        );
      },
      product: (p) => {
        const input = read(productFields, defaults.product(p ?? {}), "seed.product");
        return render(
          "products",
          asSetupError("seed.product", () => createProduct(state, input, GUI)),
        );
      },
      salesOrder: (header, lines) => {
        const { SalesOrderLines, IsCreatedByCurrentIntegration, ...rest } = header ?? {};
        const input = read(salesOrderFields, rest, "seed.salesOrder");
        input.CustomerId ??= state.customers.values()[0]?.Id ?? render("customers", seedCustomer()).Id;
        const lineInputs = (lines ?? SalesOrderLines ?? [{ Quantity: 1 }]).map((line) => {
          const l = read(lineFields, line, "seed.salesOrder line");
          if (l.ProductId === undefined && l.ProductCode === undefined && l.LineType !== "Text") {
            l.ProductId = state.products.values()[0]?.Id ?? seedProduct().Id;
          }
          return l;
        });
        input.SalesOrderLines = lineInputs;
        input.CreatedBy = IsCreatedByCurrentIntegration ? applicationKey : null;
        return render(
          "salesOrders",
          asSetupError("seed.salesOrder", () => createSalesOrder(state, input, GUI)),
        );
      },
    },
    list: (entity) => tables[entity].values().map((row) => render(entity, row)),
    count: (entity) => tables[entity].values().length,
    get: (entity, id) => {
      const row = tables[entity].get(key(entity, id));
      return row === undefined ? undefined : render(entity, row);
    },
    edit: (entity, id, changes) => {
      const what = `edit ${entity} ${id}`;
      if (entity === "customers") {
        const input = read(customerFields, changes, what);
        return render(
          entity,
          asSetupError(what, () => editCustomer(state, Number(id), input)),
        );
      }
      if (entity === "departments") {
        const input = read(departmentFields, changes, what);
        return render(
          entity,
          asSetupError(what, () => editDepartment(state, Number(id), input)),
        );
      }
      if (entity === "products") {
        const input = read(productFields, changes, what);
        return render(
          entity,
          asSetupError(what, () => editProduct(state, Number(id), input)),
        );
      }
      const input = read(salesOrderFields, changes, what);
      return render(
        entity,
        asSetupError(what, () => editSalesOrder(state, String(id).toLowerCase(), input)),
      );
    },
    editLine: (orderId, lineId, changes) => {
      const what = `editLine ${orderId} ${lineId}`;
      const input = read(lineFields, changes, what);
      return renderLine(
        state,
        asSetupError(what, () => editLine(state, orderId, lineId, input)),
      );
    },
    invoiceOrder: (id) => invoiceSalesOrder(state, id),
    deleteRecord: (entity, id) => {
      if (tables[entity].get(key(entity, id)) === undefined) throw new Error(`No ${entity} record with id ${id}`);
      tables[entity].delete(key(entity, id), true);
    },
  };

  function seedCustomer() {
    return createCustomer(state, read(customerFields, defaults.customer({}), "seed.customer"), GUI);
  }
  function seedProduct() {
    return createProduct(state, read(productFields, defaults.product({}), "seed.product"), GUI);
  }
}
