/** The `acceptUnknownFields` quirk: drops body members the contract's schemas do not know, instead of a 400. */
import type * as v from "valibot";

type Loose = v.GenericSchema & {
  entries?: Record<string, v.GenericSchema>;
  wrapped?: v.GenericSchema;
  item?: v.GenericSchema;
  pipe?: v.GenericSchema[];
};

export function dropUnknownFields(value: unknown, schema: v.GenericSchema): unknown {
  const inner = unwrap(schema);
  if (Array.isArray(value) && inner.type === "array" && inner.item) {
    return value.map((item) => dropUnknownFields(item, inner.item!));
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || !inner.entries) return value;
  const entries = inner.entries;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => Object.hasOwn(entries, key))
      .map(([key, member]) => [key, dropUnknownFields(member, entries[key]!)]),
  );
}

function unwrap(schema: v.GenericSchema): Loose {
  let current = schema as Loose;
  for (;;) {
    if (current.pipe && current.pipe[0] !== current) current = current.pipe[0] as Loose;
    else if (current.wrapped) current = current.wrapped as Loose;
    else return current;
  }
}
