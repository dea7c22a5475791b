/** Dataflow 3: PowerOffice Products ⇄ webshop products. */
import type { DataflowDefinition } from "./definition";

export const products: DataflowDefinition = {
  id: "products",
  poweroffice: { entity: "Product" },
  webshop: { entity: "Product", resource: "products" },
  properties: [
    { property: "sku", poweroffice: "Code", webshop: "sku", direction: "both", type: "text" },
    { property: "name", poweroffice: "Name", webshop: "name", direction: "both", type: "text" },
    { property: "description", poweroffice: "Description", webshop: "description", direction: "both", type: "text" },
    { property: "type", poweroffice: "ProductType", webshop: "type", direction: "both", type: "product-type" },
    {
      property: "price",
      poweroffice: "UnitPrice",
      webshop: "price",
      direction: "both",
      type: "money",
      note: 'excl. VAT; the shop requires a price, so an empty one is written there as "0.00"',
      fallback: { webshop: "0.00" },
    },
    { property: "cost_price", poweroffice: "UnitCost", webshop: "cost_price", direction: "both", type: "money" },
    { property: "gtin", poweroffice: "Gtin", webshop: "gtin", direction: "both", type: "text" },
    { property: "unit", poweroffice: "UnitOfMeasureCode", webshop: "unit", direction: "both", type: "text" },
    {
      property: "stock_quantity",
      poweroffice: "StockAvailable",
      powerofficeAlternatives: ["StockOnHand"],
      webshop: "stock_quantity",
      direction: "to-webshop",
      type: "number",
      note: "StockOnHand where StockAvailable is empty; PowerOffice is the source for stock",
    },
    { property: "active", poweroffice: "IsArchived", webshop: "active", direction: "both", type: "archived-flag" },
    {
      property: "external_ids.poweroffice_product",
      poweroffice: "Id",
      webshop: "external_ids.poweroffice_product",
      direction: "to-webshop",
      type: "id-text",
    },
  ],
  activeProperty: "active",
  archive: { poweroffice: { IsArchived: true }, webshop: { active: false } },
  matchRule:
    "Code ↔ sku, trimmed and case-insensitive (the Code is also the key that makes a create in PowerOffice safe to repeat). An empty SKU never matches.",
  lifecycle: [
    "Archiving on one side (IsArchived, active = false) archives on the other; a product deleted in the shop is archived in PowerOffice.",
    "A product already archived when first seen, with no partner, is skipped (not created).",
  ],
};
