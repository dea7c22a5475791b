/**
 * The named conversions a property mapping can use: how each side's raw field becomes a canonical value and back.
 * A writer returning `undefined` means "nothing to write" (e.g. an order status PowerOffice has no word for).
 */
import type { LinkResolver } from "./ports";
import type { CanonicalValue, DataflowId, Side } from "./types";
import {
  boolean,
  code,
  date,
  email,
  fromMoney,
  integerText,
  number,
  numericText,
  orgNumber,
  text,
  toMoney,
} from "./values";

export interface ReadContext {
  resolver: LinkResolver;
}

export interface WriteContext {
  resolver: LinkResolver;
  /** Why a value could not be written, in words (an unresolved reference); the planner turns these into an error. */
  problems: string[];
}

export interface Conversion {
  /** How the conversion reads in the generated docs. */
  label: string;
  read: Record<Side, (raw: unknown, ctx: ReadContext) => CanonicalValue>;
  write: Record<Side, (value: CanonicalValue, ctx: WriteContext) => unknown>;
}

const same = (read: (raw: unknown) => CanonicalValue, label: string): Conversion => ({
  label,
  read: { poweroffice: read, webshop: read },
  write: { poweroffice: (v) => v, webshop: (v) => v },
});

/** Two spellings of one enum: PowerOffice's word ↔ the canonical (webshop) word. */
function enumOf(label: string, pairs: ReadonlyArray<readonly [string, string]>): Conversion {
  const toCanonical = new Map(pairs.map(([po, c]) => [po.toLowerCase(), c]));
  const toPowerOffice = new Map(pairs.map(([po, c]) => [c, po]));
  return {
    label,
    read: {
      poweroffice: (raw) => toCanonical.get(text(raw)?.toLowerCase() ?? "") ?? null,
      webshop: (raw) => text(raw),
    },
    write: { poweroffice: (v) => (typeof v === "string" ? toPowerOffice.get(v) : undefined), webshop: (v) => v },
  };
}

/**
 * A reference to a record of another dataflow, canonicalised to the link id of the pair so both sides compare in
 * one space. An id that is not linked yet reads as an `unresolved:` marker (a dependency to sync first).
 */
function linkTo(dataflow: DataflowId, label: string): Conversion {
  const read = (side: Side) => (raw: unknown, ctx: ReadContext) => {
    const id = integerText(raw);
    if (id === null) return null;
    return ctx.resolver.linkIdOf(dataflow, side, id) ?? unresolved(dataflow, side, id);
  };
  const write = (side: Side) => (value: CanonicalValue, ctx: WriteContext) => {
    if (value === null) return null;
    const id = typeof value === "string" ? ctx.resolver.sideIdOf(value, side) : null;
    if (id === null) {
      ctx.problems.push(`the ${DEPENDENCY_NOUN[dataflow]} ${String(value)} has no record in ${SIDE_NAME[side]} yet`);
      return undefined;
    }
    return side === "poweroffice" ? Number(id) : id;
  };
  return {
    label,
    read: { poweroffice: read("poweroffice"), webshop: read("webshop") },
    write: { poweroffice: write("poweroffice"), webshop: write("webshop") },
  };
}

export const SIDE_NAME: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "the webshop" };
const DEPENDENCY_NOUN: Record<DataflowId, string> = {
  customers: "customer",
  departments: "department",
  products: "product",
  orders: "order",
};

const UNRESOLVED = "unresolved:";
export const unresolved = (dataflow: DataflowId, side: Side, id: string): string =>
  `${UNRESOLVED}${dataflow}:${side}:${id}`;

/** The reference behind an `unresolved:` marker, or null for any other value. */
export function parseUnresolved(value: CanonicalValue): { dataflow: DataflowId; side: Side; id: string } | null {
  if (typeof value !== "string" || !value.startsWith(UNRESOLVED)) return null;
  const [dataflow, side, ...id] = value.slice(UNRESOLVED.length).split(":");
  return { dataflow: dataflow as DataflowId, side: side as Side, id: id.join(":") };
}

export const CONVERSIONS = {
  text: same(text, "string"),
  email: same(email, "string (trimmed; a change of case is a change)"),
  "org-number": same(orgNumber, "string, digits only"),
  country: same(code, "ISO 3166-1 alpha-2, upper-case"),
  currency: same(code, "ISO 4217, upper-case"),
  number: same(number, "number"),
  boolean: same(boolean, "boolean"),
  date: same(date, "date (YYYY-MM-DD; a midnight date-time is read as its date)"),
  money: {
    label: 'number ↔ decimal string with two decimals ("199.00"), rounded half away from zero',
    read: { poweroffice: toMoney, webshop: toMoney },
    write: { poweroffice: fromMoney, webshop: (v) => v },
  },
  "archived-flag": {
    label: "boolean, negated (IsArchived true = active false)",
    read: { poweroffice: (raw) => boolean(raw) !== true, webshop: boolean },
    write: { poweroffice: (v) => (typeof v === "boolean" ? !v : undefined), webshop: (v) => v },
  },
  "customer-kind": {
    label: "boolean ↔ enum (IsPerson true = person, false = company)",
    read: {
      poweroffice: (raw) => (boolean(raw) === true ? "person" : "company"),
      webshop: text,
    },
    write: {
      poweroffice: (v) => (v === "person" ? true : v === "company" ? false : undefined),
      webshop: (v) => v,
    },
  },
  "product-type": enumOf("Product / Service ↔ product / service", [
    ["Product", "product"],
    ["Service", "service"],
  ]),
  "order-status": enumOf("Draft ↔ pending, Confirmed ↔ confirmed (invoiced and cancelled: see the lifecycle below)", [
    ["Draft", "pending"],
    ["Confirmed", "confirmed"],
  ]),
  "id-text": {
    label: "id → string",
    read: { poweroffice: integerText, webshop: text },
    write: { poweroffice: () => undefined, webshop: (v) => v },
  },
  "number-text": {
    label: "int64 → string",
    read: { poweroffice: integerText, webshop: text },
    write: { poweroffice: (v) => numericText(v) ?? undefined, webshop: (v) => v },
  },
  "numeric-order-number": {
    label: "numeric order numbers only (a non-numeric order_number is not written)",
    read: { poweroffice: numericText, webshop: numericText },
    write: { poweroffice: (v) => v, webshop: (v) => (v === null ? undefined : String(v)) },
  },
  "customer-link": linkTo("customers", "resolved through the customer links (the customer is synced first)"),
  "product-link": linkTo("products", "resolved through the product links (the product is synced first)"),
  position: {
    label: "1-based position (PowerOffice SortOrder ↔ the line's place in `lines`)",
    read: { poweroffice: number, webshop: number },
    write: { poweroffice: (v) => v, webshop: (v) => v },
  },
  reference: {
    label:
      "written by the worker when it creates the record: the key that makes the create safe to repeat (≤ 50 characters; a longer id is hashed)",
    read: { poweroffice: text, webshop: text },
    write: { poweroffice: (v) => v, webshop: () => undefined },
  },
} satisfies Record<string, Conversion>;

export type ConversionName = keyof typeof CONVERSIONS;
