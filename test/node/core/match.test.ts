import { describe, expect, it } from "vitest";
import { dataflowOfWebshopRecord } from "../../../worker/core/dataflows/shop-records";
import { matchKeyOf, matchLookup } from "../../../worker/core/match";
import {
  poCustomer,
  poDepartment,
  poOrder,
  poPerson,
  poProduct,
  shopCustomer,
  shopDepartment,
  shopOrder,
  shopPerson,
  shopProduct,
} from "./fixtures";

describe("match keys", () => {
  it("persons match by e-mail, trimmed and case-insensitive", () => {
    const po = matchKeyOf("customers", "poweroffice", poPerson({ EmailAddress: "  Kari@Example.NO " }));
    const shop = matchKeyOf("customers", "webshop", shopPerson({ email: "kari@example.no" }));
    expect(po).toBe("email:kari@example.no");
    expect(shop).toBe(po);
  });

  it("companies match by org number digits only, whatever the spacing", () => {
    const po = matchKeyOf("customers", "poweroffice", poCustomer({ OrganizationNumber: "NO 987 654 321 MVA" }));
    const shop = matchKeyOf("customers", "webshop", shopCustomer({ organization_number: "987654321" }));
    expect(po).toBe("organization_number:987654321");
    expect(shop).toBe(po);
  });

  it("a company without an org number falls back to its e-mail", () => {
    expect(matchKeyOf("customers", "poweroffice", poCustomer({ OrganizationNumber: "  " }))).toBe(
      "email:post@fjordtech.no",
    );
    expect(matchKeyOf("customers", "webshop", shopCustomer({ organization_number: null }))).toBe(
      "email:post@fjordtech.no",
    );
  });

  it("weak keys are null and never match: empty e-mail, empty org number, empty code or sku", () => {
    expect(matchKeyOf("customers", "poweroffice", poPerson({ EmailAddress: "   " }))).toBeNull();
    expect(matchKeyOf("customers", "webshop", shopPerson({ email: null }))).toBeNull();
    expect(matchKeyOf("customers", "webshop", shopCustomer({ organization_number: "--", email: " " }))).toBeNull();
    expect(matchKeyOf("departments", "poweroffice", poDepartment({ Code: " " }))).toBeNull();
    expect(matchKeyOf("products", "poweroffice", poProduct({ Code: null }))).toBeNull();
    expect(matchKeyOf("customers", "webshop", null)).toBeNull();
  });

  it("a person's org number does not make it match as a company", () => {
    const person = shopPerson({ organization_number: "987654321" });
    expect(matchKeyOf("customers", "webshop", person)).toBe("email:ola@example.no");
  });

  it("departments match by code and products by sku/Code, trimmed and case-insensitive", () => {
    expect(matchKeyOf("departments", "poweroffice", poDepartment({ Code: " Salg " }))).toBe("department_code:salg");
    expect(matchKeyOf("departments", "webshop", shopDepartment({ department_code: "SALG" }))).toBe(
      "department_code:salg",
    );
    expect(matchKeyOf("products", "poweroffice", poProduct({ Code: "sku-1 " }))).toBe("sku:sku-1");
    expect(matchKeyOf("products", "webshop", shopProduct({ sku: "SKU-1" }))).toBe("sku:sku-1");
  });

  it("orders never match by content", () => {
    expect(matchKeyOf("orders", "poweroffice", poOrder())).toBeNull();
    expect(matchKeyOf("orders", "webshop", shopOrder())).toBeNull();
  });

  it("a key names the lookup it needs", () => {
    expect(matchLookup("email:kari@example.no")).toEqual({ field: "email", value: "kari@example.no" });
    expect(matchLookup("sku:a:b")).toEqual({ field: "sku", value: "a:b" });
    expect(matchLookup("nonsense")).toBeNull();
    expect(matchLookup("phone:1")).toBeNull();
  });
});

describe("which dataflow a webshop record belongs to", () => {
  it("customers of kind department are departments; the others customers", () => {
    expect(dataflowOfWebshopRecord("customers", shopDepartment())).toBe("departments");
    expect(dataflowOfWebshopRecord("customers", shopPerson())).toBe("customers");
    expect(dataflowOfWebshopRecord("customers", shopCustomer())).toBe("customers");
    expect(dataflowOfWebshopRecord("products", shopProduct())).toBe("products");
    expect(dataflowOfWebshopRecord("orders", shopOrder())).toBe("orders");
    expect(dataflowOfWebshopRecord("invoices", {})).toBeNull();
  });
});
