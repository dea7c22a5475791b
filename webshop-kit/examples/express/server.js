// @ts-check
/** An Express 5 shop on Node that serves the webshop contract under /api next to its own routes. */
import { getRequestListener } from "@hono/node-server";
import express from "express";
import { createShop } from "./shop.js";

const shop = await createShop(process.env);
const app = express();

// The kit answers web-standard Requests; @hono/node-server's listener turns Node's request into one and streams the
// Response back. The route keeps the full path (app.use would strip "/api", the kit's basePath), and it comes before
// any body parser: the kit reads the raw body itself (it validates it and fingerprints it for idempotency).
app.all(
  "/api/{*path}",
  getRequestListener((request) => shop.api.fetch(request)),
);

app.use(express.json());
app.get("/", (_req, res) => {
  res.send("The shop's own pages and routes live here.");
});

const server = app.listen(shop.port, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : shop.port;
  console.log(`Webshop API on http://localhost:${port}/api (storage: ${shop.storage})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    shop.stop().finally(() => process.exit(0));
  });
}
