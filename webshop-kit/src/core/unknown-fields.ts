/**
 * Body members the contract's schemas do not know. valibot's strictObject reports only the first unknown key, and
 * a 400 should name every one; the `acceptUnknownFields` quirk uses the same walk to drop them instead.
 */
import type * as v from "valibot";

type Loose = v.GenericSchema & {
  entries?: Record<string, v.GenericSchema>;
  wrapped?: v.GenericSchema;
  item?: v.GenericSchema;
  pipe?: v.GenericSchema[];
};

/** Paths of unknown members, written like the issue paths: `bogus`, `lines[0].colour`. */
export function unknownFieldPaths(value: unknown, schema: v.GenericSchema, at = ""): string[] {
  const inner = unwrap(schema);
  if (Array.isArray(value) && inner.type === "array" && inner.item) {
    return value.flatMap((item, i) => unknownFieldPaths(item, inner.item!, `${at}[${i}]`));
  }
  if (!isObject(value) || !inner.entries) return [];
  const entries = inner.entries;
  return Object.entries(value).flatMap(([key, member]) => {
    const path = at ? `${at}.${key}` : key;
    return Object.hasOwn(entries, key) ? unknownFieldPaths(member, entries[key]!, path) : [path];
  });
}

export function dropUnknownFields(value: unknown, schema: v.GenericSchema): unknown {
  const inner = unwrap(schema);
  if (Array.isArray(value) && inner.type === "array" && inner.item) {
    return value.map((item) => dropUnknownFields(item, inner.item!));
  }
  if (!isObject(value) || !inner.entries) return value;
  const entries = inner.entries;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => Object.hasOwn(entries, key))
      .map(([key, member]) => [key, dropUnknownFields(member, entries[key]!)]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

function unwrap(schema: v.GenericSchema): Loose {
  let current = schema as Loose;
  for (;;) {
    if (current.pipe && current.pipe[0] !== current) current = current.pipe[0] as Loose;
    else if (current.wrapped) current = current.wrapped as Loose;
    else return current;
  }
}
