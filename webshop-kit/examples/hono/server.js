// @ts-check
/** A Hono shop on Node that serves the webshop contract under /api next to its own routes. */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createShop } from "./shop.js";

const shop = await createShop(process.env);
const app = new Hono();

app.get("/", (c) => c.text("The shop's own pages and routes live here."));
// The kit gets the untouched request: it was created with basePath "/api", so it sees the full path.
app.all("/api/*", (c) => shop.api.fetch(c.req.raw));

const server = serve({ fetch: app.fetch, port: shop.port }, (info) => {
  console.log(`Webshop API on http://localhost:${info.port}/api (storage: ${shop.storage})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    shop.stop().finally(() => process.exit(0));
  });
}
