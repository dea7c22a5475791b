/**
 * Reading request values into stored form and writing stored rows as JSON, driven by the field specs. Type errors
 * answer as ASP.NET's System.Text.Json does: 400 naming the .NET type and the JSON path.
 */
import { ProblemError, TITLE_INVALID_INPUT } from "../core/problem";
import { formatTicks, parseTimestamp } from "../core/ticks";
import type { FieldSpec, Spec } from "./field-spec";

const DOTNET_TYPES: Record<string, string> = {
  string: "System.String",
  int: "System.Int64",
  number: "System.Double",
  bool: "System.Boolean",
  date: "System.DateTime",
  datetime: "System.DateTimeOffset",
  uuid: "System.Guid",
  enum: "System.Enum",
  intArray: "System.Collections.Generic.List`1[System.Int64]",
  object: "System.Object",
  list: "System.Collections.Generic.List`1",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export function conversionError(spec: FieldSpec, path: string): ProblemError {
  const base = spec.type.replace("?", "");
  const message = `The JSON value could not be converted to ${DOTNET_TYPES[base]}. Path: ${path}.`;
  return new ProblemError(400, TITLE_INVALID_INPUT, message, { errors: { [path]: [message] } });
}

/** P: a POST body; U: a JSON Patch value; D: seeding and GUI edits, which may set read-only fields and timestamps. */
export type Flag = "P" | "U" | "D";

/** Checks and normalises one value for a field; throws a 400 ProblemError as the real binder would. */
export function readValue(spec: FieldSpec, value: unknown, path: string, flag: Flag): unknown {
  if (value === null || value === undefined) {
    if (spec.type.endsWith("?") || spec.type === "object") return null;
    throw conversionError(spec, path);
  }
  const fail = () => conversionError(spec, path);
  switch (spec.type.replace("?", "")) {
    case "string":
      if (typeof value !== "string") throw fail();
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        const name = path.split(".").pop();
        const message = `The field ${name} must be a string with a maximum length of ${spec.maxLength}.`;
        throw new ProblemError(400, TITLE_INVALID_INPUT, message, { errors: { [path]: [message] } });
      }
      return value;
    case "int":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw fail();
      return value;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) throw fail();
      return value;
    case "bool":
      if (typeof value !== "boolean") throw fail();
      return value;
    case "date":
      return readDate(value, fail);
    case "datetime": {
      const ticks = typeof value === "string" ? parseTimestamp(value) : null;
      if (ticks === null) throw fail();
      return ticks;
    }
    case "uuid":
      if (typeof value !== "string" || !UUID.test(value)) throw fail();
      return value.toLowerCase();
    case "enum":
      return readEnum(spec.values ?? [], value, fail);
    case "intArray":
      if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) throw fail();
      return [...value];
    case "object":
      return readObject(spec.nested!, value, path, flag);
    case "list":
      if (!Array.isArray(value)) throw fail();
      return value.map((item, i) => readObject(spec.nested!, item, `${path}[${i}]`, flag));
    default:
      throw fail();
  }
}

/** Reads the fields a model carries (see Flag) from a JSON object; other keys are ignored, as ASP.NET does. */
export function readObject(spec: Spec, value: unknown, path: string, flag: Flag): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw conversionError({ type: "object", in: "" }, path);
  }
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const fieldSpec = spec[key];
    if (!fieldSpec?.in.includes(flag)) continue;
    out[key] = readValue(fieldSpec, raw, `${path}.${key}`, flag);
  }
  return out;
}

// Dates arrive as YYYY-MM-DD or as a (midnight) date-time; the date part is what PowerOffice keeps.
function readDate(value: unknown, fail: () => ProblemError): string {
  if (typeof value !== "string") throw fail();
  const ticks = parseTimestamp(value);
  if (ticks === null) throw fail();
  return value.slice(0, 10);
}

function readEnum(values: readonly string[], value: unknown, fail: () => ProblemError): string {
  // System.Text.Json's enum converter reads names case-insensitively and also accepts the numeric value.
  if (typeof value === "number" && Number.isInteger(value) && values[value] !== undefined) return values[value];
  if (typeof value !== "string") throw fail();
  const match = values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw fail();
  return match;
}

export interface RenderOptions {
  offsetMinutes: number;
  datesAsDateTime: boolean;
}

/** Writes a stored row as the API's JSON: every read-DTO field present (null when unset), timestamps as .NET does. */
export function renderObject(spec: Spec, row: object, options: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, fieldSpec] of Object.entries(spec)) {
    if (!fieldSpec.in.includes("D")) continue;
    out[key] = renderValue(fieldSpec, (row as Record<string, unknown>)[key], options);
  }
  return out;
}

function renderValue(spec: FieldSpec, value: unknown, options: RenderOptions): unknown {
  if (value === null || value === undefined) return null;
  switch (spec.type.replace("?", "")) {
    case "datetime":
      return formatTicks(value as bigint, options.offsetMinutes);
    case "date":
      return options.datesAsDateTime ? `${value}T00:00:00` : value;
    case "object":
      return renderObject(spec.nested!, value as Record<string, unknown>, options);
    case "list":
      return (value as Record<string, unknown>[]).map((item) => renderObject(spec.nested!, item, options));
    case "intArray":
      return [...(value as number[])];
    default:
      return value;
  }
}
