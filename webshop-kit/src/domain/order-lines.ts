/**
 * An order's lines from the `lines` of a create or PATCH. As RFC 7396 says for arrays the list is replaced, but line
 * identity is kept: an input with the `id` of a stored line updates that line in place (fields left out keep their
 * values, external_ids merge), one without an id is a new line with a fresh id, stored lines left out are removed.
 * Products: `product_id` wins; `sku` alone finds the product; both given and naming different products → 422.
 */

import type { StoredRecord } from "../adapter.js";
import type { Line, LineInput } from "../contract/order.js";
import type { FieldProblems } from "../core/failure.js";
import { mergeExternalIds } from "./model.js";
import { findBySku } from "./products.js";
import { get, newId, type Op } from "./steps.js";

const LINE_TEMPLATE: Omit<Line, "id"> = {
  product_id: null,
  sku: null,
  description: null,
  quantity: 0,
  unit_price: "0.00",
  discount_percent: 0,
  external_ids: {},
};

export function* resolveLines(
  stored: Line[],
  inputs: LineInput[],
): Op<{ lines: Line[] } | { problems: FieldProblems }> {
  const problems: FieldProblems = {};
  const seen = new Set<string>();
  const lines: Line[] = [];
  for (const [index, input] of inputs.entries()) {
    const at = `lines[${index}]`;
    let base: Line | undefined;
    if (input.id !== undefined) {
      base = stored.find((line) => line.id === input.id);
      if (!base) problems[`${at}.id`] = `this order has no line with id '${input.id}'`;
      else if (seen.has(input.id)) problems[`${at}.id`] = `line '${input.id}' is given twice`;
      seen.add(input.id);
    }
    const product = yield* resolveProduct(input, base, at, problems);
    const line: Line = {
      id: base?.id ?? "",
      ...LINE_TEMPLATE,
      ...base,
      ...definedOnly(input),
      product_id: product === undefined ? (base?.product_id ?? null) : (product?.id ?? null),
      sku: product === undefined ? (base?.sku ?? null) : ((product?.sku as string | undefined) ?? null),
      external_ids: mergeExternalIds(base?.external_ids ?? {}, input.external_ids),
    };
    lines.push(line);
  }
  if (Object.keys(problems).length > 0) return { problems };
  // Ids are drawn only once the whole list is valid, so a refused request uses none up.
  for (const line of lines) if (!line.id) line.id = yield* newId("lines");
  return { lines };
}

/** undefined: the input says nothing about the product (keep the stored one); null: a text line. */
function* resolveProduct(
  input: LineInput,
  base: Line | undefined,
  at: string,
  problems: FieldProblems,
): Op<StoredRecord | null | undefined> {
  const bySku = input.sku ? yield* findBySku(input.sku) : undefined;
  if (input.product_id) {
    const product = yield* get("products", input.product_id);
    if (!product) {
      problems[`${at}.product_id`] = `no product with id '${input.product_id}'`;
      return undefined;
    }
    if (input.sku && bySku?.id !== product.id) {
      problems[`${at}.sku`] = `'${input.sku}' is not the sku of product ${product.id} ('${product.sku}')`;
    }
    return product;
  }
  if (input.sku) {
    if (!bySku) problems[`${at}.sku`] = `no product with sku '${input.sku}'`;
    return bySku ?? undefined;
  }
  if (input.product_id === null || input.sku === null) return null;
  return base ? undefined : null;
}

function definedOnly(input: LineInput): Partial<Line> {
  const { id: _id, product_id: _p, sku: _s, external_ids: _e, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}
