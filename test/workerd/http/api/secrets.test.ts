/**
 * No configured secret ever reaches an /api answer: every endpoint is called (successes and refusals, with and
 * without an admin origin, a preflight, an unknown route), and each body and header is searched for every secret
 * the worker holds: the PowerOffice keys and the access token it got with them, the webshop token and webhook
 * secret, and the widget token secret.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import { SECRET_NAMES } from "../../../../worker/wiring/config";
import { TEST_VARS } from "../../../test-vars";
import { ADMIN_ORIGIN, createApiWorld } from "./api-world";

it("no secret appears in any /api response body or header across every endpoint", async () => {
  const world = await createApiWorld({ policy: "manual" });
  const po = world.poweroffice;
  const product = po.seed.product({ Code: "HEMMELIG-1", Name: "Hemmelig", UnitPrice: 10 });
  po.seed.customer({ IsPerson: true, EmailAddress: "kunde@example.no" });
  const shopProduct = world.shop.seed.product({ sku: "SHOP-1", name: "Butikk", price: "10.00" });
  for (let i = 0; i < 3; i++) await world.cycle();
  world.poweroffice.edit("products", product.Id, { Name: "Endret PO" });
  const mirrored = world.shop.list("products").find((p) => p.sku === "HEMMELIG-1")!;
  world.shop.edit("products", mirrored.id, { name: "Endret butikk" });
  await world.cycle();
  const linkId = (await env.DB.prepare("SELECT id FROM links WHERE webshop_id = ?")
    .bind(mirrored.id)
    .first<{ id: number }>())!.id;
  const otherId = (await env.DB.prepare("SELECT id FROM links WHERE webshop_id = ?")
    .bind(shopProduct.id)
    .first<{ id: number }>())!.id;

  const admin = { Origin: ADMIN_ORIGIN };
  const calls: Array<
    [string, string, { token?: "read" | "write" | null; body?: unknown; headers?: Record<string, string> }]
  > = [
    ["GET", API_PATHS.status, { token: "read", headers: admin }],
    ["GET", `${API_PATHS.records}?q=hemmelig`, { token: "read" }],
    ["GET", `${API_PATHS.records}?limit=1`, {}],
    ["GET", API_PATHS.record(linkId), { headers: admin }],
    ["GET", API_PATHS.webshopRecord("products", shopProduct.id), {}],
    ["GET", API_PATHS.webshopRecord("customers", "nobody"), {}],
    [
      "POST",
      API_PATHS.push,
      { body: { resource: "products", id: shopProduct.id }, headers: { "Idempotency-Key": "s-1" } },
    ],
    [
      "POST",
      API_PATHS.push,
      { body: { resource: "products", id: shopProduct.id }, headers: { "Idempotency-Key": "s-1" } },
    ],
    ["POST", API_PATHS.push, { body: { resource: "products", id: "missing" }, headers: { "Idempotency-Key": "s-2" } }],
    ["POST", API_PATHS.push, { body: { resource: "products", id: shopProduct.id } }],
    ["POST", API_PATHS.resolve(linkId), { body: { choices: { name: "poweroffice" } } }],
    ["POST", API_PATHS.resolve(linkId), { body: { choices: { name: "poweroffice" } } }],
    ["POST", API_PATHS.retry(otherId), {}],
    ["POST", API_PATHS.replay(otherId), {}],
    ["DELETE", API_PATHS.link(otherId), {}],
    ["POST", API_PATHS.links, { body: { dataflow: "products", powerofficeId: "1", webshopId: shopProduct.id } }],
    ["POST", API_PATHS.relink(otherId), { body: { webshopId: shopProduct.id } }],
    ["POST", API_PATHS.pause("orders", "webshop-to-poweroffice"), { headers: admin }],
    ["POST", API_PATHS.resume("orders", "webshop-to-poweroffice"), {}],
    ["POST", API_PATHS.releaseBrake("orders"), {}],
    ["POST", API_PATHS.push, { token: "read", body: {}, headers: admin }],
    ["GET", API_PATHS.status, { token: null, headers: admin }],
    ["GET", API_PATHS.status, { headers: { Origin: "https://evil.example" } }],
    ["OPTIONS", API_PATHS.push, { token: null, headers: { ...admin, "Access-Control-Request-Method": "POST" } }],
    ["OPTIONS", API_PATHS.push, { token: null, headers: { Origin: "https://evil.example" } }],
    ["GET", "/api/nothing-here", {}],
    ["POST", "/api/records/1/retry", { body: "not json" }],
  ];
  world.shop.faults.add({ kind: "status", status: 500, method: "GET", times: 3 });
  calls.push(["GET", API_PATHS.record(otherId), {}]);
  for (const [method, path, options] of calls) await world.send(method, path, options);
  world.shop.faults.clear();

  const statuses = new Set(world.seen.map((s) => s.status));
  expect([...statuses].sort()).toEqual([200, 204, 400, 401, 403, 404, 409]);
  expect(world.seen.length).toBe(calls.length);

  const secrets = new Set<string>();
  for (const name of SECRET_NAMES) {
    for (const value of [world.env[name], TEST_VARS[name]]) if (typeof value === "string") secrets.add(value);
  }
  secrets.add(TEST_VARS.WEBSHOP_WEBHOOK_SECRET.replace(/^whsec_/, ""));
  secrets.add(btoa(`${world.env.POWEROFFICE_APPLICATION_KEY}:${world.env.POWEROFFICE_CLIENT_KEY}`));
  // The PowerOffice access token the worker fetched with those keys (cached in KV).
  const cached = await env.CACHE.list({ prefix: "poweroffice:token:" });
  expect(cached.keys.length).toBeGreaterThan(0);
  for (const key of cached.keys) {
    const held = JSON.parse((await env.CACHE.get(key.name))!) as { token: string };
    secrets.add(held.token);
  }
  expect(secrets.size).toBeGreaterThanOrEqual(9);

  const leaks = world.seen.flatMap((answer) => {
    const text = `${answer.body}\n${answer.headers.map(([k, v]) => `${k}: ${v}`).join("\n")}`;
    return [...secrets]
      .filter((secret) => text.includes(secret))
      .map((secret) => `${answer.method} ${answer.path}: ${secret.slice(0, 6)}…`);
  });
  expect(leaks).toEqual([]);
});
