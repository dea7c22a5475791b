/**
 * The shop's HTTP surface under the base path (default /api): bearer auth first, then one route set per resource.
 * Unknown paths answer 404 and unexpected errors 500, both in the contract's error envelope.
 */
import { Hono } from "hono";
import { RESOURCES } from "../../../../shared/webshop";
import { errorResponse } from "./errors";
import { type RouteDeps, resourceRoutes } from "./resource-routes";

export function createShopApp(basePath: string, deps: RouteDeps): Hono {
  const api = new Hono();
  api.use("*", async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || match[1] !== deps.token) {
      const message = header ? "The bearer token is not valid for this shop" : "Send Authorization: Bearer <token>";
      return errorResponse(401, "unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="webshop"' });
    }
    await next();
  });
  for (const resource of RESOURCES) api.route(`/${resource}`, resourceRoutes(resource, deps));

  const app = new Hono({ strict: false });
  app.route(normalise(basePath), api);
  app.notFound((c) => errorResponse(404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    console.error(`reference webshop: unhandled error on ${c.req.method} ${c.req.path}:`, error);
    const message = error instanceof Error ? error.message : String(error);
    return errorResponse(500, "internal", `The shop failed unexpectedly: ${message}`);
  });
  return app;
}

function normalise(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
