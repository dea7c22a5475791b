/** The string enums of the v2 OpenAPI subset, value for value (the API reads them case-insensitively). */

export const ORDER_STATUS = ["Draft", "Confirmed"] as const;
export const PRODUCT_TYPE = ["Product", "Service"] as const;
export const INVOICE_DELIVERY_TYPE = [
  "PdfByEmail",
  "Print",
  "EHF",
  "AvtaleGiro",
  "External",
  "Efaktura",
  "Factoring",
] as const;
export const REMINDER_DELIVERY_TYPE = ["PdfByEmail", "Print"] as const;
export const NOTICE_OF_DEBT_COLLECTION_DELIVERY_TYPE = ["PdfByEmail", "Print"] as const;
export const AGRICULTURE_DEPARTMENT = [
  "None",
  "Finance",
  "Farming",
  "Forestry",
  "FurAnimals",
  "OtherIndustries",
  "Private",
] as const;
export const VOUCHER_LINE_TYPE = ["Normal", "Text", "Summary", "InvoiceFee", "TotalHours"] as const;
export const VAT_RETURN_SPECIFICATION = [
  "None",
  "Adjustment",
  "LossesOnClaims",
  "ReversalOfInputValueAddedTax",
  "Withdrawals",
  "AdjustmentVatCompensationRealProperty",
  "PurchasesEligibleForCompensation",
] as const;
// biome-ignore format: a table of codes reads better packed
export const UNIT_OF_MEASURE = [
  "BX", "MTR", "KMT", "KGM", "EA", "LTR", "HUR", "DAY", "MTK", "MTQ", "TNE", "MON", "ANN", "QAN", "NL", "XRO", "XBA",
  "XPL", "XPC", "PR", "XCI", "XBG", "SET", "XTY", "XOF", "FTK", "KWH", "MWH", "LBR", "CMT", "DMT", "LM", "XPK", "GRM",
  "HGM", "XFL", "XBE", "E54", "MMT", "DAA", "H18", "MLT", "HLT", "DLT", "AK", "XCR", "E14", "MJ", "J57", "XJG", "XCT",
  "XSA", "XTU", "WEE", "XCA", "XCN", "NAR", "M4", "XVQ", "P1", "MFU", "KMK", "LM3", "FOT", "FM3", "E34", "E35",
] as const;
