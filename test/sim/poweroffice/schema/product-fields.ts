/** ProductDto / ProductPostDto / ProductPatchDto, as in PowerOffice's v2 API. */
import { AGRICULTURE_DEPARTMENT, PRODUCT_TYPE, UNIT_OF_MEASURE } from "./enums";
import { type DtoOf, field, type PostOf, type RowOf } from "./field-spec";

export const productFields = {
  Code: field("string?", "DPU", { maxLength: 100 }),
  CreatedDateTimeOffset: field("datetime", "D"),
  CreatedFromImportJournalId: field("uuid?", "D"),
  Description: field("string?", "DPU"),
  Gtin: field("string?", "DPU"),
  Id: field("int", "D"),
  IsArchived: field("bool?", "DPU"),
  IsStockItem: field("bool?", "DPU"),
  LastChangedDateTimeOffset: field("datetime", "D"),
  Name: field("string?", "DPU", { maxLength: 400 }),
  OptionalSalesAccount: field("int?", "DP"),
  OptionalSalesAccountAgricultureDepartment: field("enum?", "DP", { values: AGRICULTURE_DEPARTMENT }),
  OptionalSalesAccountId: field("int?", "DPU"),
  ProductGroupCode: field("string?", "DP"),
  ProductGroupId: field("int?", "DPU"),
  ProductType: field("enum?", "DPU", { values: PRODUCT_TYPE }),
  StandardSalesAccount: field("int?", "DP"),
  StandardSalesAccountAgricultureDepartment: field("enum?", "DP", { values: AGRICULTURE_DEPARTMENT }),
  StandardSalesAccountId: field("int?", "DPU"),
  StockAvailable: field("number?", "D"),
  StockOnHand: field("number?", "DPU"),
  StockOnHandLastChangedDatetimeOffset: field("datetime?", "D"),
  UnitCost: field("number?", "DPU"),
  UnitOfMeasureCode: field("enum?", "DPU", { values: UNIT_OF_MEASURE }),
  UnitPrice: field("number?", "DPU"),
};

export type ProductDto = DtoOf<typeof productFields>;
export type ProductPostDto = PostOf<typeof productFields>;
export type ProductRow = RowOf<typeof productFields>;
