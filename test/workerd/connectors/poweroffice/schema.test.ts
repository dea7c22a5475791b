import { describe, expect, it } from "vitest";
import { START_OF_FEED } from "../../../../worker/connectors/poweroffice/change-feed";
import { setup } from "./harness";

/** Rewrites JSON answers of GETs whose path matches, to feed the client what PowerOffice should never send. */
function corrupt(path: RegExp, change: (record: Record<string, unknown>) => void) {
  return (fetch: (r: Request) => Promise<Response>) => async (request: Request) => {
    const res = await fetch(request);
    if (request.method !== "GET" || !path.test(new URL(request.url).pathname) || res.status !== 200) return res;
    const json = (await res.json()) as Record<string, unknown> | Record<string, unknown>[];
    for (const record of Array.isArray(json) ? json : [json]) change(record);
    return Response.json(json, { status: res.status });
  };
}

describe("answers that do not match what the sync reads", () => {
  it("names the entity, the id, the field and the value, instead of crashing", async () => {
    const { client, sim } = setup({
      wrap: corrupt(/\/Customers\/\d+$/, (c) => (c.LastChangedDateTimeOffset = "yesterday")),
    });
    const customer = sim.seed.customer({ Name: "Acme AS" });
    const result = await client.customers.get(customer.Id as number);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "unexpected-response",
        entity: "customer",
        id: String(customer.Id),
        path: "LastChangedDateTimeOffset",
        value: "yesterday",
      },
    });
    if (!result.ok) {
      expect(result.error.message).toContain(`customer ${customer.Id}`);
      expect(result.error.message).toContain('LastChangedDateTimeOffset is "yesterday"');
    }
  });

  it("names a nested field by its path, inside a list", async () => {
    const { client, sim } = setup({
      wrap: corrupt(/\/Customers$/, (c) => {
        if (c.Name === "Bad") (c.MailAddress as Record<string, unknown>).City = 4021;
      }),
    });
    sim.seed.customer({ Name: "Good" });
    const bad = sim.seed.customer({ Name: "Bad" });
    const page = await client.customers.changesPage(START_OF_FEED);
    expect(page).toMatchObject({
      ok: false,
      error: {
        kind: "unexpected-response",
        entity: "customer",
        id: String(bad.Id),
        path: "MailAddress.City",
        value: 4021,
      },
    });
  });

  it("refuses an id that JavaScript cannot hold exactly, and a body that is not JSON", async () => {
    const h1 = setup({ wrap: corrupt(/\/Products\/\d+$/, (p) => (p.Id = 2 ** 60)) });
    const product = h1.sim.seed.product({ Name: "Widget", Code: "W" });
    expect(await h1.client.products.get(product.Id as number)).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", entity: "product", path: "Id" },
    });

    const h2 = setup({
      wrap: (fetch) => async (request) =>
        /\/Departments/.test(request.url) ? new Response("<html>oops</html>", { status: 200 }) : fetch(request),
    });
    expect(await h2.client.departments.get(1)).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", entity: "department", path: "(body)" },
    });
  });
});
