import { beforeAll, describe, expect, it } from "vitest";
import { compileSchemas, loadOpenApi, type OpenApi } from "./openapi-schemas";
import { customerFields } from "./schema/customer-fields";
import { departmentFields } from "./schema/department-fields";
import { fieldsWith, type Spec } from "./schema/field-spec";
import { productFields } from "./schema/product-fields";
import { lineFields, salesOrderFields } from "./schema/sales-order-fields";
import { type Reply, testSim } from "./test-client";

let doc: OpenApi;
let compile: ReturnType<typeof compileSchemas>;

beforeAll(() => {
  doc = loadOpenApi();
  compile = compileSchemas(doc);
});

/** Checks a reply against the operation's documented status codes and its documented JSON schema. */
function conforms(path: string, method: string, reply: Reply, fallbackSchema?: string): void {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  const documented = operation!.responses[String(reply.status)];
  expect(documented, `${method.toUpperCase()} ${path} documents status ${reply.status}`).toBeDefined();
  if (reply.status === 204) {
    expect(reply.text).toBe("");
    return;
  }
  const schema =
    documented!.content?.["application/json"]?.schema ??
    (fallbackSchema ? { $ref: `#/components/schemas/${fallbackSchema}` } : undefined);
  if (!schema) return;
  const validate = compile(schema);
  const ok = validate(reply.json);
  expect(validate.errors ?? [], `${method.toUpperCase()} ${path} ${reply.status}: ${reply.text.slice(0, 300)}`).toEqual(
    [],
  );
  expect(ok).toBe(true);
  if (schema.$ref === "#/components/schemas/ProblemDetails") expectProblem(reply);
}

// PowerOffice's examples write ProblemDetails with lower-case keys; the schema lists PascalCase ones but allows any.
function expectProblem(reply: Reply): void {
  expect(reply.json).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: reply.status,
    detail: expect.any(String),
    instance: expect.any(String),
  });
}

describe("the simulator's responses conform to the v2 OpenAPI subset", () => {
  it("the field specs list exactly the properties of each DTO and PostDto", () => {
    const pairs: [Spec, string, string][] = [
      [customerFields, "CustomerDto", "CustomerPostDto"],
      [departmentFields, "DepartmentDto", "DepartmentPostDto"],
      [productFields, "ProductDto", "ProductPostDto"],
      [salesOrderFields, "SalesOrderDto", "SalesOrderCompletePostDto"],
      [lineFields, "SalesOrderLineDto", "SalesOrderLinePostDto"],
    ];
    const keys = (name: string) => Object.keys(doc.components.schemas[name]!.properties as object).sort();
    for (const [spec, dto, post] of pairs) {
      expect(fieldsWith(spec, "D").sort(), dto).toEqual(keys(dto));
      expect(fieldsWith(spec, "P").sort(), post).toEqual(keys(post));
    }
    const complete = [...fieldsWith(salesOrderFields, "D"), "SalesOrderLines"].sort();
    expect(complete).toEqual(keys("SalesOrderCompleteDto"));
  });

  it("customers: list, get, create, patch, delete and their errors", async () => {
    const { sim, api } = testSim();
    sim.seed.customer({ IsPerson: true, DateOfBirth: "1980-05-17", ContactGroupIds: [4] });
    const created = await api.post("/Customers", {
      Name: "Fjord Bygg AS",
      ExternalImportReference: "shop-1",
      MailAddress: { AddressLine1: "Storgata 1", ZipCode: "0155", City: "Oslo" },
      InvoiceDeliveryType: "PdfByEmail",
    });
    conforms("/Customers", "post", created);
    expect(created.json.MailAddress).toEqual(expect.objectContaining({ City: "Oslo" }));
    conforms("/Customers", "post", await api.post("/Customers", { Name: "Dup", ExternalImportReference: "shop-1" }));
    conforms("/Customers", "post", await api.post("/Customers", { Name: "X", DepartmentCode: "Avdeling10" }));
    conforms("/Customers", "get", await api.get("/Customers"));
    conforms("/Customers", "get", await api.get("/Customers?externalImportReference=none"));
    conforms("/Customers", "get", await api.get("/Customers?contactGroupIds=1-4"));
    conforms("/Customers/{id}", "get", await api.get(`/Customers/${created.json.Id}`));
    conforms("/Customers/{id}", "get", await api.get("/Customers/12345"));
    const patch = [{ op: "replace", path: "/MailAddress/City", value: "Bergen" }];
    conforms("/Customers/{id}", "patch", await api.patch(`/Customers/${created.json.Id}`, patch));
    conforms("/Customers/{id}", "patch", await api.patch("/Customers/12345", patch));
    const busy = sim.seed.customer();
    sim.seed.salesOrder({ CustomerId: busy.Id });
    conforms("/Customers/{id}", "delete", await api.delete(`/Customers/${busy.Id}`));
    conforms("/Customers/{id}", "delete", await api.delete(`/Customers/${created.json.Id}`));
    conforms("/Customers/{id}", "delete", await api.delete(`/Customers/${created.json.Id}`));
  });

  it("departments (GET by id and PATCH have no documented body: checked against DepartmentDto)", async () => {
    const { api } = testSim();
    const created = await api.post("/Departments", { Name: "Salg", Code: "10" });
    conforms("/Departments", "post", created);
    conforms("/Departments", "post", await api.post("/Departments", { Name: "Salg", Code: "10" }));
    conforms("/Departments", "get", await api.get("/Departments"));
    conforms("/Departments", "get", await api.get("/Departments?isActive=nope"));
    conforms("/Departments/{id}", "get", await api.get(`/Departments/${created.json.Id}`), "DepartmentDto");
    const patch = [{ op: "replace", path: "/IsActive", value: true }];
    conforms("/Departments/{id}", "patch", await api.patch(`/Departments/${created.json.Id}`, patch), "DepartmentDto");
    conforms(
      "/Departments/{id}",
      "patch",
      await api.patch(`/Departments/${created.json.Id}`, [{ op: "add", path: "/manageremployeeno", value: 1 }]),
    );
    conforms("/Departments/{id}", "delete", await api.delete(`/Departments/${created.json.Id}`));
    conforms("/Departments/{id}", "delete", await api.delete(`/Departments/${created.json.Id}`));
  });

  it("products", async () => {
    const { sim, api } = testSim();
    const created = await api.post("/Products", {
      Name: "Kontorstol",
      Code: "STOL-1",
      UnitPrice: 2490,
      UnitOfMeasureCode: "EA",
      IsStockItem: true,
      StockOnHand: 4,
    });
    conforms("/Products", "post", created);
    conforms("/Products", "post", await api.post("/Products", { Name: "Stol", Code: "stol-1" }));
    conforms("/Products", "get", await api.get("/Products?type=Service"));
    conforms("/Products", "get", await api.get(`/Products?codes=STOL-1`));
    conforms("/Products/{id}", "get", await api.get(`/Products/${created.json.Id}`));
    const patch = [{ op: "replace", path: "/UnitPrice", value: 1990.5 }];
    conforms("/Products/{id}", "patch", await api.patch(`/Products/${created.json.Id}`, patch));
    conforms(
      "/Products/{id}",
      "patch",
      await api.patch(`/Products/${created.json.Id}`, [{ op: "replace", path: "/Id", value: 1 }]),
    );
    sim.seed.salesOrder({}, [{ ProductId: created.json.Id, Quantity: 1 }]);
    conforms("/Products/{id}", "delete", await api.delete(`/Products/${created.json.Id}`));
    conforms("/Products/{id}", "delete", await api.delete(`/Products/${sim.seed.product().Id}`));
    conforms("/Products/{id}", "delete", await api.delete("/Products/1"));
  });

  it("sales orders and lines", async () => {
    const { sim, api } = testSim({ datesAsDateTime: false });
    const customer = sim.seed.customer();
    const product = sim.seed.product({ UnitPrice: 100 });
    const created = await api.post("/SalesOrders/Complete", {
      CustomerId: customer.Id,
      ExternalImportReference: "web-1",
      SalesOrderDate: "2026-11-26",
      SalesOrderLines: [
        { ProductId: product.Id, Quantity: 2, ExternalImportReference: "l1" },
        { Description: "Frakt", LineType: "Text" },
        {
          ProductId: product.Id,
          Quantity: 1,
          Accrual: { FromDate: "2026-01-01", ToDate: "2026-12-31", IsActive: true, BalanceAccountNo: 2970 },
        },
      ],
    });
    conforms("/SalesOrders/Complete", "post", created);
    const id = created.json.Id;
    const lineId = created.json.SalesOrderLines[0].Id;
    conforms(
      "/SalesOrders/Complete",
      "post",
      await api.post("/SalesOrders/Complete", { CustomerId: customer.Id, ExternalImportReference: "web-1" }),
    );
    conforms("/SalesOrders/Complete", "post", await api.post("/SalesOrders/Complete", { CustomerId: 1 }));
    conforms("/SalesOrders", "get", await api.get("/SalesOrders"));
    conforms("/SalesOrders", "get", await api.get("/SalesOrders?orderStatus=Confirmed"));
    conforms("/SalesOrders", "get", await api.get("/SalesOrders?lastChangedDateTimeOffsetGreaterThan=x"));
    conforms("/SalesOrders/{id}", "get", await api.get(`/SalesOrders/${id}`));
    conforms("/SalesOrders/{id}/Complete", "get", await api.get(`/SalesOrders/${id}/Complete`));
    conforms("/SalesOrders/{id}/Lines", "get", await api.get(`/SalesOrders/${id}/Lines`));
    conforms("/SalesOrders/{id}/Lines/{lineId}", "get", await api.get(`/SalesOrders/${id}/Lines/${lineId}`));
    const line = await api.post(`/SalesOrders/${id}/Lines`, { ProductId: product.Id, Quantity: 5 });
    conforms("/SalesOrders/{id}/Lines", "post", line);
    conforms(
      "/SalesOrders/{id}/Lines",
      "post",
      await api.post(`/SalesOrders/${id}/Lines`, { ProductId: 1, Quantity: 5 }),
    );
    const qty = [{ op: "replace", path: "/Quantity", value: 3 }];
    conforms("/SalesOrders/{id}/Lines/{lineId}", "patch", await api.patch(`/SalesOrders/${id}/Lines/${lineId}`, qty));
    conforms(
      "/SalesOrders/{id}/Lines/{lineId}",
      "delete",
      await api.delete(`/SalesOrders/${id}/Lines/${line.json.Id}`),
    );
    const confirm = [{ op: "replace", path: "/SalesOrderStatus", value: "Confirmed" }];
    conforms("/SalesOrders/{id}", "patch", await api.patch(`/SalesOrders/${id}`, confirm));
    conforms(
      "/SalesOrders/{id}",
      "patch",
      await api.patch(`/SalesOrders/${id}`, [{ op: "replace", path: "/ContractNo", value: "K1" }]),
    );
    conforms("/SalesOrders/{id}/Lines/{lineId}", "patch", await api.patch(`/SalesOrders/${id}/Lines/${lineId}`, qty));
    conforms("/SalesOrders/{id}", "delete", await api.delete(`/SalesOrders/${id}`));
    conforms("/SalesOrders/{id}", "get", await api.get(`/SalesOrders/${id}`));
    conforms("/SalesOrders/{id}/Complete", "get", await api.get(`/SalesOrders/${id}/Complete`));
    conforms("/SalesOrders/{id}/Lines", "get", await api.get(`/SalesOrders/${id}/Lines`));
  });

  it("the schema check can fail: a response with a wrong type or an extra field is rejected", () => {
    const validate = compile({ $ref: "#/components/schemas/DepartmentDto" });
    expect(validate({ Id: 1, Name: "Salg" })).toBe(true);
    expect(validate({ Id: "1", Name: "Salg" })).toBe(false);
    expect(validate({ Id: 1, Name: "Salg", Colour: "red" })).toBe(false);
    expect(validate({ Id: 1, LastChangedDateTimeOffset: "26.11.2026" })).toBe(false);
  });
});
