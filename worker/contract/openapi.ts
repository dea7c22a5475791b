/**
 * Builds the webshop contract's OpenAPI 3.1 document from the same valibot schemas the connector validates with.
 * Pure (no Cloudflare or node imports): the worker serves it and a test keeps docs/openapi/webshop.json equal to it.
 */
import { RESOURCES } from "../../shared/webshop";
import { componentSchemas } from "./json-schemas";
import { componentParameters, componentResponses } from "./openapi-components";
import { resourcePaths } from "./openapi-paths";
import { webhooks } from "./openapi-webhooks";

/** The contract's own version (v1), independent of the product's release version. */
export const CONTRACT_VERSION = "1.0.0";

export type OpenApiDocument = Record<string, unknown> & {
  openapi: "3.1.0";
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

export function buildWebshopOpenApi(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "Custom Webshop sync contract",
      version: CONTRACT_VERSION,
      summary: "The REST API and webhooks a webshop implements to sync with PowerOffice GO through the sync worker.",
      description:
        "JSON over HTTPS, UTF-8. Timestamps are RFC 3339 UTC with milliseconds (2026-11-26T12:00:00.000Z). Money is " +
        'a decimal string with exactly two decimals ("199.00"), excluding VAT. Errors are ' +
        '{"error": {"code", "message", "details"}}. The guide for shop developers is docs/webshop-api.md; the ' +
        "conformance kit (npm run conformance) checks an implementation against every rule.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [
      {
        url: "{baseUrl}",
        description: "The shop's sync API: the worker's WEBSHOP_BASE_URL",
        variables: { baseUrl: { default: "https://shop.example.no/api" } },
      },
    ],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "customers", description: "Persons, companies and departments" },
      { name: "products", description: "Products and services; sku is the match key" },
      { name: "orders", description: "Orders with their lines" },
      { name: "webhooks", description: "What the shop sends to the worker" },
    ],
    paths: Object.assign({}, ...RESOURCES.map((resource) => resourcePaths(resource))),
    webhooks: webhooks(),
    components: {
      schemas: componentSchemas(),
      parameters: componentParameters(),
      responses: componentResponses(),
      headers: {
        RetryAfter: { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
      },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Authorization: Bearer <WEBSHOP_API_TOKEN>, the token the shop issues to the sync worker.",
        },
      },
    },
  };
}
