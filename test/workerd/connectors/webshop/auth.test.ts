import { describe, expect, it } from "vitest";
import { recorder, setup, value } from "./harness";

describe("webshop authentication", () => {
  it("sends WEBSHOP_API_TOKEN as a bearer token on every request", async () => {
    const spy = recorder();
    const { client, shop, config } = setup({ wrap: spy.wrap });
    const customer = shop.seed.customer({ kind: "company", name: "Acme AS" });
    value(await client.get("customers", customer.id));
    value(await client.changesPage("products"));
    value(await client.create("products", { sku: "SKU-1", name: "Widget", price: "10.00" }, "key-1"));
    expect(config.apiToken).toBe("test-webshop-token");
    expect(spy.seen).toHaveLength(3);
    for (const request of spy.seen) expect(request.headers.get("Authorization")).toBe("Bearer test-webshop-token");
  });

  it("reports a refused token as unauthorized, naming WEBSHOP_API_TOKEN, without retrying", async () => {
    const { client, shop } = setup({ shop: { apiToken: "the-shops-real-token" } });
    const result = await client.changesPage("customers");
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized", status: 401 } });
    if (!result.ok) {
      expect(result.error.message).toContain("WEBSHOP_API_TOKEN");
      expect(result.error.message).toMatch(/did not accept the API token \(HTTP 401 on GET \/customers\)/);
    }
    expect(shop.requests).toHaveLength(1);
  });

  it("reports a 403 as unauthorized too, naming WEBSHOP_API_TOKEN", async () => {
    const { client, shop } = setup();
    shop.faults.add({ kind: "status", status: 403 });
    const result = await client.get("orders", "o_1");
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized", status: 403 } });
    if (!result.ok) expect(result.error.message).toContain("Check WEBSHOP_API_TOKEN");
    expect(shop.requests).toHaveLength(1);
  });
});
