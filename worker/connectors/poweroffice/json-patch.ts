/**
 * RFC 6902 JSON Patch documents built from a field diff, limited to the *PatchDto fields (docs/poweroffice.md).
 * Paths are the DTO's PascalCase names: camelCase paths are reported to be ignored silently, PascalCase works either
 * way.
 */
import type { EntityName, Result } from "./errors";
import { fail, invalidInput, ok } from "./errors";

export interface PatchOperation {
  op: "replace";
  path: string;
  value: unknown;
}

export interface PatchSpec {
  entity: EntityName;
  fields: readonly string[];
  /** Fields that are objects patched member by member, e.g. MailAddress → /MailAddress/City. */
  nested?: Readonly<Record<string, readonly string[]>>;
}

const ADDRESS = ["AddressLine1", "AddressLine2", "City", "CountryCode", "ZipCode"] as const;

export const CUSTOMER_PATCH: PatchSpec = {
  entity: "customer",
  fields: [
    ...["Allowance", "BillableRate", "ContactGroupIds", "CurrencyCode", "CustomerSince", "DateOfBirth"],
    ...["DeliveryTermId", "DepartmentId", "EmailAddress", "ExternalImportReference", "ExternalNumber", "FirstName"],
    ...["InvoiceBrandingThemeId", "InvoiceDeliveryType", "InvoiceEmailAddress", "InvoiceEmailAddressCC"],
    ...["IsArchived", "IsPerson", "IsVatFree", "LastName", "LegalName", "Name", "NationalIdNumber", "Number"],
    ...["OrganizationNumber", "PaymentReminderEmailAddress", "PaymentTermId", "PhoneNumber", "SalesPersonEmployeeId"],
    "WebsiteUrl",
    // "the reminder/fee settings": the CustomerDto fields of that kind.
    ...["DoNotAddLatePaymentFees", "DoNotAddLatePaymentInterest", "DoNotAutomatePaymentNotifications"],
    ...["NoticeOfDebtCollectionDeliveryType", "ReminderDeliveryType", "SendPaymentReminders"],
    ...["TransferToDebtCollectionAgency", "UseInvoiceFee"],
  ],
  nested: { MailAddress: ADDRESS },
};

export const PRODUCT_PATCH: PatchSpec = {
  entity: "product",
  fields: [
    ...["Code", "Description", "Gtin", "IsArchived", "IsStockItem", "Name", "OptionalSalesAccountId"],
    ...["ProductGroupId", "ProductType", "StandardSalesAccountId", "StockOnHand", "UnitCost", "UnitOfMeasureCode"],
    "UnitPrice",
  ],
};

export const DEPARTMENT_PATCH: PatchSpec = {
  entity: "department",
  fields: ["Code", "IsActive", "ManagerEmployeeId", "Name"],
};

export const SALES_ORDER_PATCH: PatchSpec = {
  entity: "sales order",
  fields: [
    ...["BrandingThemeId", "ContactDeliveryAddressId", "ContractNo", "CurrencyCode", "CurrencyExchangeRate"],
    ...["CustomMatchingReference", "CustomerId", "CustomerReference", "CustomerReferenceContactPersonId"],
    ...["DeliveryDate", "DeliveryTermId", "DepartmentId", "Dim1Id", "Dim2Id", "Dim3Id", "ExternalImportReference"],
    ...["ImportedOrderNo", "LocationId", "PaymentTermId", "ProjectId", "PurchaseOrderReference", "RelatedInvoiceNo"],
    ...["SalesOrderDate", "SalesOrderStatus", "SalesPersonEmployeeId"],
  ],
};

export const SALES_ORDER_LINE_PATCH: PatchSpec = {
  entity: "sales order line",
  fields: [
    ...["Accrual", "Allowance", "DepartmentId", "Description", "Dim1Id", "Dim2Id", "Dim3Id"],
    ...["ExternalImportReference", "LineType", "LocationId", "ProductId", "ProductUnitCost", "ProductUnitPrice"],
    ...["ProjectId", "Quantity", "SellersReferenceEmployeeId", "SortOrder", "UnitOfMeasureCode"],
    ...["UseStandardSalesAccount", "VatReturnSpecification"],
  ],
};

type Fields = Readonly<Record<string, unknown>>;

/**
 * `replace` operations for every field of `desired` that differs from `current` (null and a missing value are the
 * same). Fields of `desired` left undefined are not touched. A differing field that is not patchable is an error,
 * not a silent drop; read-only fields that are equal (e.g. a whole record passed back) are fine.
 */
export function diffPatch(spec: PatchSpec, current: Fields, desired: Fields): Result<PatchOperation[]> {
  const ops: PatchOperation[] = [];
  for (const [field, want] of Object.entries(desired)) {
    if (want === undefined) continue;
    const have = current[field];
    const members = spec.nested?.[field];
    if (members) {
      const nested = diffNested(spec, field, members, have, want);
      if (!nested.ok) return nested;
      ops.push(...nested.value);
      continue;
    }
    if (same(have, want)) continue;
    if (!spec.fields.includes(field)) {
      return fail(
        invalidInput(spec.entity, field, want, "cannot be changed through PowerOffice's API (not in its patch model)"),
      );
    }
    ops.push({ op: "replace", path: `/${field}`, value: want });
  }
  return ok(ops);
}

function diffNested(
  spec: PatchSpec,
  field: string,
  members: readonly string[],
  have: unknown,
  want: unknown,
): Result<PatchOperation[]> {
  if (want === null || typeof want !== "object") {
    return same(have, want) ? ok([]) : ok([{ op: "replace", path: `/${field}`, value: want }]);
  }
  const wanted = want as Fields;
  const unknown = Object.keys(wanted).find((k) => !members.includes(k) && wanted[k] !== undefined);
  if (unknown) return fail(invalidInput(spec.entity, `${field}.${unknown}`, wanted[unknown], "cannot be patched"));
  const changed = members.filter((m) => wanted[m] !== undefined && !same((have as Fields | null)?.[m], wanted[m]));
  if (changed.length === 0) return ok([]);
  // There is no object to patch into when PowerOffice has none yet: set the whole object instead.
  if (have === null || typeof have !== "object") {
    const value = Object.fromEntries(members.filter((m) => wanted[m] !== undefined).map((m) => [m, wanted[m]]));
    return ok([{ op: "replace", path: `/${field}`, value }]);
  }
  return ok(changed.map((m) => ({ op: "replace" as const, path: `/${field}/${m}`, value: wanted[m] })));
}

function same(a: unknown, b: unknown): boolean {
  if ((a ?? null) === null && (b ?? null) === null) return true;
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
