/**
 * RFC 6902 JSON Patch as PowerOffice applies it to a *PatchDto: PascalCase paths of PatchDto fields apply; a path
 * that matches a PatchDto field only case-insensitively (camelCase) is silently ignored, as clients report; any
 * other path is a 400 naming the segment, worded like the OpenAPI example. The whole document applies or nothing.
 */
import { ProblemError } from "../core/problem";
import type { FieldSpec, Spec } from "../schema/field-spec";
import { readObject, readValue } from "../schema/values";

export interface PatchTarget {
  /** Stored values of the patchable fields (nested objects included whole). Not modified. */
  current: Record<string, unknown>;
  spec: Spec;
  /** e.g. "CustomerPatchDto", the prefix of error details. */
  model: string;
  /** e.g. "Customer validation error(s)". */
  title: string;
}

type Location =
  | { kind: "ignored" }
  | { kind: "field"; name: string; spec: FieldSpec }
  | { kind: "nested"; name: string; sub: string; spec: FieldSpec }
  | { kind: "index"; name: string; index: number | "-" };

/** Applies the operations to a copy of `target.current` and returns the copy. */
export function applyJsonPatch(operations: unknown, target: PatchTarget): Record<string, unknown> {
  const fail = (detail: string) => new ProblemError(400, target.title, `${target.model}: ${detail}`);
  if (!Array.isArray(operations))
    throw fail("The request body must be a JSON Patch document (an array of operations).");
  const doc = structuredClone(target.current);
  for (const raw of operations) {
    const op = (raw ?? {}) as { op?: unknown; path?: unknown; value?: unknown; from?: unknown };
    if (typeof op.path !== "string") throw fail("The 'path' of an operation is missing.");
    const to = locate(op.path, target.spec, fail);
    switch (op.op) {
      case "add":
      case "replace":
        write(doc, to, op.value, op.op, op.path, fail);
        break;
      case "remove":
        remove(doc, to, fail);
        break;
      case "test": {
        if (to.kind === "ignored") break;
        const actual = read(doc, to);
        if (JSON.stringify(actual) !== JSON.stringify(op.value)) {
          throw fail(
            `The current value '${show(actual)}' at path '${op.path}' is not equal to the test value '${show(op.value)}'.`,
          );
        }
        break;
      }
      case "copy":
      case "move": {
        if (typeof op.from !== "string") throw fail("The 'from' of an operation is missing.");
        const from = locate(op.from, target.spec, fail);
        if (from.kind === "ignored" || to.kind === "ignored") break;
        const value = structuredClone(read(doc, from));
        if (op.op === "move") remove(doc, from, fail);
        write(doc, to, value, "add", op.path, fail);
        break;
      }
      default:
        throw fail(`Invalid JsonPatch operation '${String(op.op)}'.`);
    }
  }
  return doc;
}

function locate(path: string, spec: Spec, fail: (d: string) => ProblemError): Location {
  const segments = path
    .replace(/^\//, "")
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const first = segments[0] ?? "";
  const name = findField(spec, first, fail);
  if (name === null) return { kind: "ignored" };
  const fieldSpec = spec[name]!;
  if (segments.length === 1) return { kind: "field", name, spec: fieldSpec };
  const second = segments[1]!;
  if (segments.length === 2 && fieldSpec.nested) {
    const sub = findField(fieldSpec.nested, second, fail);
    return sub === null ? { kind: "ignored" } : { kind: "nested", name, sub, spec: fieldSpec.nested[sub]! };
  }
  if (segments.length === 2 && fieldSpec.type === "intArray?") {
    if (second === "-") return { kind: "index", name, index: "-" };
    if (/^\d+$/.test(second)) return { kind: "index", name, index: Number(second) };
  }
  throw fail(`The target location specified by path segment '${second}' was not found.`);
}

// Exact PascalCase name → the field; same name in another case → null (ignored); anything else → 400.
function findField(spec: Spec, segment: string, fail: (d: string) => ProblemError): string | null {
  if (spec[segment]?.in.includes("U")) return segment;
  const loose = Object.keys(spec).find((k) => k.toLowerCase() === segment.toLowerCase());
  if (loose && spec[loose]!.in.includes("U")) return null;
  throw fail(`The target location specified by path segment '${segment}' was not found.`);
}

function read(doc: Record<string, unknown>, at: Location): unknown {
  if (at.kind === "field") return doc[at.name] ?? null;
  if (at.kind === "nested") return (doc[at.name] as Record<string, unknown> | null)?.[at.sub] ?? null;
  if (at.kind === "index") {
    const list = (doc[at.name] as unknown[] | null) ?? [];
    return at.index === "-" ? list[list.length - 1] : list[at.index];
  }
  return undefined;
}

function write(
  doc: Record<string, unknown>,
  at: Location,
  value: unknown,
  op: "add" | "replace",
  path: string,
  fail: (d: string) => ProblemError,
): void {
  const checked = (spec: FieldSpec) => {
    try {
      if (spec.nested && value !== null) return readObject(spec.nested, value, "$", "U");
      return readValue(spec, value, path, "U");
    } catch {
      throw fail(`The value '${show(value)}' is invalid for target location.`);
    }
  };
  if (at.kind === "field") {
    const next = checked(at.spec);
    const nested = at.spec.nested;
    // Replacing a whole nested object keeps what the PatchDto cannot touch (the address's Id, ExternalCode…).
    if (!nested || (next === null && at.spec.type !== "object")) doc[at.name] = next;
    else doc[at.name] = { ...keepUntouchable(doc[at.name], nested), ...((next ?? {}) as object) };
  } else if (at.kind === "nested") {
    const owner = (doc[at.name] as Record<string, unknown> | null) ?? {};
    doc[at.name] = { ...owner, [at.sub]: checked(at.spec) };
  } else if (at.kind === "index") {
    const list = [...((doc[at.name] as unknown[] | null) ?? [])];
    const item = checked({ type: "int", in: "U" });
    const index = at.index === "-" ? list.length : at.index;
    if (index > list.length || (op === "replace" && index >= list.length)) throw outOfBounds(at, fail);
    list.splice(index, op === "replace" ? 1 : 0, item);
    doc[at.name] = list;
  }
}

function remove(doc: Record<string, unknown>, at: Location, fail: (d: string) => ProblemError): void {
  if (at.kind === "field") {
    const nested = at.spec.nested;
    // A non-nullable object (the mail address) cannot become null: removing it clears what can be cleared.
    doc[at.name] = nested && at.spec.type === "object" ? keepUntouchable(doc[at.name], nested) : null;
  } else if (at.kind === "nested") {
    doc[at.name] = { ...((doc[at.name] as object | null) ?? {}), [at.sub]: null };
  } else if (at.kind === "index") {
    const list = [...((doc[at.name] as unknown[] | null) ?? [])];
    const index = at.index === "-" ? list.length - 1 : at.index;
    if (index < 0 || index >= list.length) throw outOfBounds(at, fail);
    list.splice(index, 1);
    doc[at.name] = list;
  }
}

function keepUntouchable(current: unknown, nested: Spec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((current as Record<string, unknown> | null) ?? {})) {
    out[key] = nested[key]?.in.includes("U") ? null : value;
  }
  return out;
}

function outOfBounds(at: Location & { kind: "index" }, fail: (d: string) => ProblemError): ProblemError {
  return fail(`The index value provided by path segment '${at.index}' is out of bounds of the array size.`);
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
