/**
 * SalesOrderDto / SalesOrderCompleteDto / SalesOrderCompletePostDto / SalesOrderPatchDto and the line models, as in
 * PowerOffice's v2 API. Flag C marks what only the Complete models carry (the lines).
 */
import {
  AGRICULTURE_DEPARTMENT,
  ORDER_STATUS,
  UNIT_OF_MEASURE,
  VAT_RETURN_SPECIFICATION,
  VOUCHER_LINE_TYPE,
} from "./enums";
import { type DtoOf, field, type PostOf, type RowOf } from "./field-spec";

export const accrualFields = {
  BalanceAccountAgricultureDepartment: field("enum?", "DPU", { values: AGRICULTURE_DEPARTMENT }),
  BalanceAccountId: field("int?", "DPU"),
  BalanceAccountNo: field("int?", "DPU"),
  FromDate: field("date", "DPU"),
  IsActive: field("bool", "DPU"),
  ResultAccountAgricultureDepartment: field("enum?", "DPU", { values: AGRICULTURE_DEPARTMENT }),
  ResultAccountId: field("int?", "DPU"),
  ResultAccountNo: field("int?", "DPU"),
  ToDate: field("date", "DPU"),
};

export const lineFields = {
  Accrual: field("object?", "DPU", { nested: accrualFields }),
  Allowance: field("number?", "DPU"),
  DepartmentCode: field("string?", "DP"),
  DepartmentId: field("int?", "DPU"),
  Description: field("string?", "DPU"),
  Dim1Code: field("string?", "DP"),
  Dim1Id: field("int?", "DPU"),
  Dim2Code: field("string?", "DP"),
  Dim2Id: field("int?", "DPU"),
  Dim3Code: field("string?", "DP"),
  Dim3Id: field("int?", "DPU"),
  ExternalImportReference: field("string?", "DPU"),
  Id: field("uuid", "D"),
  LineType: field("enum?", "DPU", { values: VOUCHER_LINE_TYPE }),
  LocationCode: field("string?", "DP"),
  LocationId: field("int?", "DPU"),
  NetAmount: field("number", "D"),
  ProductCode: field("string?", "DP"),
  ProductId: field("int?", "DPU"),
  ProductUnitCost: field("number?", "DPU"),
  ProductUnitPrice: field("number?", "DPU"),
  ProjectCode: field("string?", "DP"),
  ProjectId: field("int?", "DPU"),
  Quantity: field("number?", "DPU"),
  SalesOrderId: field("uuid?", "D"),
  SellersReferenceEmployeeId: field("int?", "DPU"),
  SellersReferenceEmployeeNo: field("int?", "DP"),
  SortOrder: field("int?", "DPU"),
  TotalAmount: field("number", "D"),
  UnitOfMeasureCode: field("enum?", "DPU", { values: UNIT_OF_MEASURE }),
  UseStandardSalesAccount: field("bool?", "DPU"),
  VatAmount: field("number", "D"),
  VatCode: field("string?", "D"),
  VatId: field("int?", "D"),
  VatRate: field("number?", "D"),
  VatReturnSpecification: field("enum?", "DPU", { values: VAT_RETURN_SPECIFICATION }),
};

export const salesOrderFields = {
  BrandingThemeCode: field("string?", "DP"),
  BrandingThemeId: field("int?", "DPU"),
  ContactDeliveryAddressId: field("int?", "DPU"),
  ContractNo: field("string?", "DPU"),
  CreatedDateTimeOffset: field("datetime", "D"),
  CurrencyCode: field("string?", "DPU"),
  CurrencyExchangeRate: field("number?", "DPU"),
  CustomMatchingReference: field("string?", "DPU"),
  CustomerId: field("int?", "DPU"),
  CustomerNo: field("int?", "DP"),
  CustomerReference: field("string?", "DPU"),
  CustomerReferenceContactPersonId: field("int?", "DPU"),
  DeliveryDate: field("date?", "DPU"),
  DeliveryTerm: field("string?", "DP"),
  DeliveryTermId: field("int?", "DPU"),
  DepartmentCode: field("string?", "DP"),
  DepartmentId: field("int?", "DPU"),
  Dim1Code: field("string?", "DP"),
  Dim1Id: field("int?", "DPU"),
  Dim2Code: field("string?", "DP"),
  Dim2Id: field("int?", "DPU"),
  Dim3Code: field("string?", "DP"),
  Dim3Id: field("int?", "DPU"),
  ExternalImportReference: field("string?", "DPU"),
  Id: field("uuid", "D"),
  ImportedOrderNo: field("int?", "DPU"),
  IsCreatedByCurrentIntegration: field("bool?", "D"),
  LastChangedDateTimeOffset: field("datetime", "D"),
  LineCount: field("int", "D"),
  LocationCode: field("string?", "DP"),
  LocationId: field("int?", "DPU"),
  NetAmount: field("number", "D"),
  PaymentTerm: field("int?", "DP"),
  PaymentTermId: field("int?", "DPU"),
  ProjectCode: field("string?", "DP"),
  ProjectId: field("int?", "DPU"),
  PurchaseOrderReference: field("string?", "DPU"),
  RelatedInvoiceNo: field("int?", "DPU"),
  SalesOrderDate: field("date?", "DPU"),
  SalesOrderLines: field("list?", "CP", { nested: lineFields }),
  SalesOrderNo: field("int?", "D"),
  SalesOrderStatus: field("enum?", "DPU", { values: ORDER_STATUS }),
  SalesPersonEmployeeId: field("int?", "DPU"),
  SalesPersonEmployeeNumber: field("int?", "DP"),
  TotalAmount: field("number", "D"),
};

export type AccrualDto = DtoOf<typeof accrualFields>;
export type SalesOrderLineDto = DtoOf<typeof lineFields>;
export type SalesOrderLinePostDto = PostOf<typeof lineFields>;
export type SalesOrderDto = DtoOf<typeof salesOrderFields>;
export type SalesOrderCompleteDto = SalesOrderDto & { SalesOrderLines: SalesOrderLineDto[] | null };
export type SalesOrderCompletePostDto = PostOf<typeof salesOrderFields>;
export type SalesOrderLineRow = RowOf<typeof lineFields>;
export type SalesOrderHeaderRow = RowOf<typeof salesOrderFields>;
