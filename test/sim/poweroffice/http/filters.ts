/** The GET-list filters the v2 OpenAPI documents for each entity, read from the query into row predicates. */
import { ProblemError } from "../core/problem";
import type { SalesOrderRow } from "../domain/state";
import type { CustomerRow } from "../schema/customer-fields";
import type { DepartmentRow } from "../schema/department-fields";
import { ORDER_STATUS, PRODUCT_TYPE } from "../schema/enums";
import type { ProductRow } from "../schema/product-fields";
import { inCodes, type Query } from "./query";

type Test<R> = ((row: R) => boolean) | null;

function all<R>(...tests: Test<R>[]): (row: R) => boolean {
  const active = tests.filter((t): t is (row: R) => boolean => t !== null);
  return (row) => active.every((test) => test(row));
}

function after<R>(since: bigint | null, ticks: (row: R) => bigint | null): Test<R> {
  // "Timestamp not inclusive": strictly greater, compared in 100-ns ticks.
  return since === null ? null : (row) => (ticks(row) ?? -1n) > since;
}

export function customerFilter(q: Query): (row: CustomerRow) => boolean {
  const groups = contactGroupIds(q);
  const numbers = q.ranges("customerNos");
  const externalNos = q.ranges("externalNos");
  const reference = q.get("externalImportReference");
  return all<CustomerRow>(
    after(q.timestamp("lastChangedDateTimeOffsetGreaterThan"), (r) => r.LastChangedDateTimeOffset),
    after(q.timestamp("customerCreatedDateTimeOffsetGreaterThan"), (r) => r.CustomerCreatedDateTimeOffset),
    numbers && ((r) => numbers(r.Number)),
    externalNos && ((r) => externalNos(r.ExternalNumber)),
    reference === null ? null : (r) => r.ExternalImportReference === reference,
    groups && ((r) => (r.ContactGroupIds ?? []).some((id) => groups.includes(id))),
  );
}

function contactGroupIds(q: Query): number[] | null {
  const items = q.list("contactGroupIds");
  if (items === null) return null;
  if (items.some((item) => !/^\d+$/.test(item))) {
    throw new ProblemError(
      400,
      "Unable to cast object(s)",
      "contactGroupIds contains negative numbers and/or range of numbers. '-' is not allowed, only comma ',' separated single positive numbers are allowed.",
    );
  }
  return items.map(Number);
}

export function departmentFilter(q: Query): (row: DepartmentRow) => boolean {
  const codes = q.list("codes");
  const name = q.get("name")?.trim().toLowerCase() ?? null;
  const isActive = q.bool("isActive");
  const manager = q.int("managerEmployeeNo");
  const journal = q.uuid("createdFromImportJournalId");
  return all<DepartmentRow>(
    after(q.timestamp("lastChangedDateTimeOffsetGreaterThan"), (r) => r.LastChangedDateTimeOffset),
    after(q.timestamp("createdDateTimeOffsetGreaterThan"), (r) => r.CreatedDateTimeOffset),
    codes && ((r) => inCodes(codes, r.Code)),
    name === null ? null : (r) => r.Name?.toLowerCase() === name,
    isActive === null ? null : (r) => r.IsActive === isActive,
    manager === null ? null : (r) => r.ManagerEmployeeNo === manager,
    journal === null ? null : (r) => r.CreatedFromImportJournalId === journal,
  );
}

export function productFilter(q: Query): (row: ProductRow) => boolean {
  const codes = q.list("codes");
  const names = q.list("names");
  const groups = q.list("productGroupCodes");
  const isArchived = q.bool("isArchived");
  const type = q.enumValue("type", PRODUCT_TYPE);
  return all<ProductRow>(
    after(q.timestamp("lastChangedDateTimeOffsetGreaterThan"), (r) => r.LastChangedDateTimeOffset),
    after(q.timestamp("createdDateTimeOffsetGreaterThan"), (r) => r.CreatedDateTimeOffset),
    after(
      q.timestamp("stockOnHandLastChangedDatetimeOffsetGreaterThan"),
      (r) => r.StockOnHandLastChangedDatetimeOffset,
    ),
    codes && ((r) => inCodes(codes, r.Code)),
    names && ((r) => inCodes(names, r.Name)),
    groups && ((r) => inCodes(groups, r.ProductGroupCode)),
    isArchived === null ? null : (r) => r.IsArchived === isArchived,
    type === null ? null : (r) => r.ProductType === type,
  );
}

/** Note what is absent: /SalesOrders has no externalImportReference filter, so that parameter is ignored. */
export function salesOrderFilter(
  q: Query,
  lookups: { customerNo: (row: SalesOrderRow) => number | null; departmentCode: (row: SalesOrderRow) => string | null },
  applicationKey: string,
): (row: SalesOrderRow) => boolean {
  const customers = q.ranges("customerNos");
  const departments = q.list("departmentCodes");
  const projects = q.list("projectCodes");
  const status = q.enumValue("orderStatus", ORDER_STATUS);
  const mine = q.bool("onlyCreatedByCurrentIntegration");
  q.bool("includeSubProject");
  q.bool("showInherited");
  return all<SalesOrderRow>(
    after(q.timestamp("lastChangedDateTimeOffsetGreaterThan"), (r) => r.LastChangedDateTimeOffset),
    customers && ((r) => customers(lookups.customerNo(r))),
    departments && ((r) => codeOrNone(departments, lookups.departmentCode(r))),
    projects && ((r) => codeOrNone(projects, r.ProjectCode)),
    status === null ? null : (r) => r.SalesOrderStatus === status,
    mine ? (r) => r.CreatedBy === applicationKey : null,
  );
}

// "-1" selects orders without the dimension.
function codeOrNone(codes: string[], value: string | null): boolean {
  return (codes.includes("-1") && value === null) || inCodes(codes, value);
}
