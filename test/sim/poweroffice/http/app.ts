/**
 * The simulator's HTTP surface: gateway checks, the token endpoints, and the v2 API under /v2 and /Demo/v2.
 * Paths match without regard to case and trailing slash, as ASP.NET routing does.
 */
import { Hono } from "hono";
import { gatewayResponse, jsonResponse, ProblemError, problemResponse } from "../core/problem";
import { createCustomer, deleteCustomer, patchCustomer, renderCustomer } from "../domain/customers";
import { createDepartment, deleteDepartment, patchDepartment, renderDepartment } from "../domain/departments";
import { createProduct, deleteProduct, patchProduct, renderProduct } from "../domain/products";
import type { SimState } from "../domain/state";
import { customerFields } from "../schema/customer-fields";
import { departmentFields } from "../schema/department-fields";
import { productFields } from "../schema/product-fields";
import type { SimEnv } from "./context";
import { requireMailAddressBasics } from "./customer-post";
import { entityRoutes } from "./entity-routes";
import { customerFilter, departmentFilter, productFilter } from "./filters";
import { gateway, type RateLimiter } from "./gateway";
import { requireBearer, type TokenStore, tokenEndpoint } from "./oauth";
import { consentRoutes, type OnboardingBook, onboardingApiRoutes } from "./onboarding";
import { salesOrderRoutes } from "./sales-order-routes";

export interface AppParts {
  state: SimState;
  tokens: TokenStore;
  limiter: RateLimiter;
  keys: { applicationKey: string; clientKey: string; subscriptionKey: string };
  sendRetryAfter: boolean;
  onboarding: OnboardingBook;
}

const CANONICAL = new Map(
  [
    "OAuth",
    "Token",
    "Demo",
    "v2",
    "Customers",
    "Departments",
    "Products",
    "SalesOrders",
    "Complete",
    "Lines",
    "Onboarding",
    "Initiate",
    "Finalize",
    "Consent",
    "ClientIntegrationInformation",
  ].map((segment) => [segment.toLowerCase(), segment]),
);

export function canonicalPath(pathname: string): string {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return trimmed
    .split("/")
    .map((segment) => CANONICAL.get(segment.toLowerCase()) ?? segment)
    .join("/");
}

export function createApp({ state, tokens, limiter, keys, sendRetryAfter, onboarding }: AppParts): Hono {
  const app = new Hono({ getPath: (request) => canonicalPath(new URL(request.url).pathname) });
  // A person's browser on PowerOffice's own pages: no subscription key there.
  consentRoutes(app, onboarding);
  app.use("*", gateway(keys.subscriptionKey, limiter, sendRetryAfter));
  const isClientKey = (key: string) => key === keys.clientKey || onboarding.clientKeys.has(key);
  const token = tokenEndpoint({ applicationKey: keys.applicationKey, isClientKey }, tokens);
  app.post("/OAuth/Token", token);
  app.post("/Demo/OAuth/Token", token);

  onboardingApiRoutes(app, onboarding);
  const api = new Hono<SimEnv>();
  api.use("*", requireBearer(tokens));
  api.get("/ClientIntegrationInformation", () => jsonResponse(200, onboarding.integrationInformation()));
  api.route(
    "/Customers",
    entityRoutes({
      name: "Customer",
      spec: customerFields,
      table: state.customers,
      createdStatus: 201,
      filter: customerFilter,
      checkPost: requireMailAddressBasics,
      create: (input, writer) => createCustomer(state, input, writer),
      patch: (id, ops, writer) => patchCustomer(state, id, ops, writer),
      remove: (id, writer) => deleteCustomer(state, id, writer),
      render: (row) => renderCustomer(state, row),
    }),
  );
  api.route(
    "/Departments",
    entityRoutes({
      name: "Department",
      spec: departmentFields,
      table: state.departments,
      createdStatus: 201,
      filter: departmentFilter,
      create: (input, writer) => createDepartment(state, input, writer),
      patch: (id, ops, writer) => patchDepartment(state, id, ops, writer),
      remove: (id, writer) => deleteDepartment(state, id, writer),
      render: (row) => renderDepartment(state, row),
    }),
  );
  api.route(
    "/Products",
    entityRoutes({
      name: "Product",
      spec: productFields,
      table: state.products,
      createdStatus: 200,
      filter: productFilter,
      create: (input, writer) => createProduct(state, input, writer),
      patch: (id, ops, writer) => patchProduct(state, id, ops, writer),
      remove: (id, writer) => deleteProduct(state, id, writer),
      render: (row) => renderProduct(state, row),
    }),
  );
  api.route("/SalesOrders", salesOrderRoutes(state));
  app.route("/v2", api);
  app.route("/Demo/v2", api);

  // No operation for this method and path: API Management answers before the API sees it.
  app.notFound(() => gatewayResponse(404, "Resource not found"));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(error, c.req.path);
    console.error(`PowerOffice simulator: unhandled error on ${c.req.method} ${c.req.path}:`, error);
    const detail = error instanceof Error ? error.message : String(error);
    return problemResponse(
      new ProblemError(500, "An error occurred while processing your request.", detail),
      c.req.path,
    );
  });
  return app;
}
