/** GET /openapi/webshop.json: the webshop contract's OpenAPI 3.1 document, built once per isolate from the schemas. */
import { Hono } from "hono";
import { buildWebshopOpenApi } from "../contract/openapi";

let document: string | undefined;

export const openapi = new Hono().get("/webshop.json", (c) => {
  document ??= JSON.stringify(buildWebshopOpenApi(), null, 2);
  // Public and the same for every caller until the next deploy; an hour keeps it fresh enough after one.
  c.header("Cache-Control", "public, max-age=3600");
  c.header("Access-Control-Allow-Origin", "*");
  return c.body(document, 200, { "Content-Type": "application/json; charset=utf-8" });
});
