/** Contract §5: GET /R/{id} answers the record, 404 for an unknown id (GET, PATCH and DELETE alike). */
import { Customer, Order, Product, RESOURCES, type Resource } from "../../../shared/webshop";
import { check, expectError, expectRecord, show } from "../checks";
import type { ShopRecord } from "../fixtures";
import type { Rule } from "../types";

export const readRules: Rule[] = [
  {
    id: "read.by-id",
    title: "GET /R/{id} answers 200 with the record as the create answered it",
    async run({ shop, fixtures }) {
      const made: [Resource, ShopRecord][] = [
        ["customers", await fixtures.company()],
        ["products", await fixtures.product()],
        ["orders", await fixtures.order()],
      ];
      for (const [resource, created] of made) {
        const record = expectRecord(await shop.byId(resource, created.id), 200, `GET /${resource}/${created.id}`);
        // Answers may carry extra fields of the shop's own; the contract's fields must read back as created.
        const fields = Object.keys(SCHEMAS[resource].entries);
        check(
          JSON.stringify(sortKeys(pick(record, fields))) === JSON.stringify(sortKeys(pick(created, fields))),
          `GET /${resource}/${created.id} to equal the POST answer in every field of the contract ${show(pick(created, fields))}`,
          show(pick(record, fields)),
        );
      }
      return "a customer, a product and an order read back as created, field for field";
    },
  },
  {
    id: "read.not-found",
    title: "GET, PATCH and DELETE of an unknown id answer 404 with the error envelope",
    async run({ shop, tag }) {
      const missing = `${tag}-missing`;
      for (const resource of RESOURCES) {
        expectError(await shop.byId(resource, missing), 404, `GET /${resource}/{unknown id}`);
        expectError(await shop.patch(resource, missing, {}), 404, `PATCH /${resource}/{unknown id}`);
        expectError(await shop.delete(resource, missing), 404, `DELETE /${resource}/{unknown id}`);
      }
      return "404 with the error envelope for GET, PATCH and DELETE on each resource";
    },
  },
];

const SCHEMAS = { customers: Customer, products: Product, orders: Order } as const;

/** The members of `record` named in `fields` (a missing one stays missing, so the comparison sees it). */
const pick = (record: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, record[field]]));

/** Key order is not part of JSON's meaning; nested objects and arrays compared the same way. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
