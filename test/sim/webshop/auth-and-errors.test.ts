import { describe, expect, it } from "vitest";
import { BASE, testShop } from "./test-client";

describe("auth and the error envelope", () => {
  it("401 with the envelope for a missing or wrong token, on every route", async () => {
    const { shop, api } = testShop();
    const customer = shop.seed.customer({ kind: "company", name: "Acme AS" });
    for (const [method, path] of [
      ["GET", "/customers"],
      ["GET", `/customers/${customer.id}`],
      ["PATCH", `/customers/${customer.id}`],
      ["GET", "/nowhere"],
    ] as const) {
      const missing = await api.call(method, path, { token: null, body: method === "PATCH" ? {} : undefined });
      expect(missing.status, `${method} ${path}`).toBe(401);
      expect(missing.json.error.code).toBe("unauthorized");
      expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await api.call(method, path, { token: "wrong", body: method === "PATCH" ? {} : undefined })).status).toBe(
        401,
      );
    }
    expect(shop.get("customers", customer.id)?.version).toBe(1);
    expect((await api.get("/customers", { headers: { Authorization: "bearer test-webshop-token" } })).status).toBe(200);
  });

  it("404 for an unknown id or route, 405 for a method a route lacks", async () => {
    const { api } = testShop();
    const unknown = await api.get("/products/prd_404");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({
      code: "not_found",
      message: "No product with id 'prd_404'",
      details: { id: "prd_404" },
    });
    expect((await api.patch("/orders/nope", {})).status).toBe(404);
    expect((await api.delete("/customers/nope")).status).toBe(404);
    expect((await api.get("/invoices")).status).toBe(404);
    const put = await api.call("PUT", "/customers/x", { body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });

  it("serves only under the base path, on any host", async () => {
    const { shop } = testShop();
    const headers = { Authorization: "Bearer test-webshop-token" };
    expect((await shop.fetch(new Request("http://localhost:8792/api/customers", { headers }))).status).toBe(200);
    expect((await shop.fetch(new Request("https://webshop.sim/customers", { headers }))).status).toBe(404);
    expect(BASE).toBe("https://webshop.sim/api");
  });

  it("400 names each bad field and why, in words", async () => {
    const { shop, api } = testShop();
    const reply = await api.post("/customers", {
      kind: "robot",
      email: 3,
      bogus: true,
      version: 2,
      billing_address: { line1: "Storgata 1" },
    });
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe("validation_failed");
    expect(reply.json.error.details.fields).toEqual({
      kind: 'must be one of "person", "company", "department", got "robot"',
      email: "must be a string, got 3",
      bogus: "unknown field 'bogus'",
      version: "'version' is read-only",
      "billing_address.line2": "is required",
      "billing_address.postal_code": "is required",
      "billing_address.city": "is required",
      "billing_address.country": "is required",
    });
    expect(reply.json.error.message).toContain("bogus: unknown field 'bogus'");
    expect(shop.count("customers")).toBe(0);
  });

  it("checks across fields name the rule; nested paths are written like lines[0].quantity", async () => {
    const { api } = testShop();
    const person = await api.post("/customers", { kind: "person", first_name: "Ola" });
    expect(person.json.error.details.fields).toEqual({ body: "a person needs first_name and last_name" });
    const customer = (await api.post("/customers", { kind: "company", name: "Acme AS" })).json;
    const order = await api.post("/orders", {
      customer_id: customer.id,
      lines: [{ quantity: "2", unit_price: "1.5", discount_percent: 120 }],
    });
    expect(order.json.error.details.fields).toEqual({
      "lines[0].quantity": 'must be a number, got "2"',
      "lines[0].unit_price": 'must be a decimal string with exactly two decimals, like "199.00"',
      "lines[0].discount_percent": "must be at most 100",
    });
  });

  it("415 for a body that is not JSON by type, 400 for broken JSON or a non-object", async () => {
    const { api } = testShop();
    const form = await api.post("/customers", "kind=person", { headers: { "Content-Type": "text/plain" } });
    expect(form.status).toBe(415);
    expect(form.json.error.code).toBe("unsupported_media_type");
    const broken = await api.post("/customers", "{", {});
    expect(broken.status).toBe(400);
    expect(broken.json.error.details.fields.body).toMatch(/^is not valid JSON/);
    expect((await api.post("/customers", "[]", {})).json.error.details.fields.body).toBe("must be a JSON object");
    const mergePatchType = await api.post(
      "/customers",
      { kind: "company", name: "A" },
      {
        headers: { "Content-Type": "application/merge-patch+json" },
      },
    );
    expect(mergePatchType.status).toBe(201);
  });
});
