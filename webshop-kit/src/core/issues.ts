/**
 * Turns valibot issues into "field: problem" text a developer can act on ("email: must be a string, got 3",
 * "bogus: unknown field 'bogus'") instead of valibot's generic wording.
 */
import type * as v from "valibot";
import type { FieldProblems } from "./failure.js";

/** Fields the shop computes or assigns: sending them is a mistake worth naming precisely. */
const READ_ONLY = new Set(["id", "version", "created_at", "updated_at", "total_excl_vat", "total_incl_vat"]);

/** `unknown` adds members the schema does not know (valibot names only the first). */
export function fieldProblems(issues: readonly v.BaseIssue<unknown>[], unknown: string[] = []): FieldProblems {
  const fields: FieldProblems = {};
  const add = (path: string, problem: string) => {
    if (fields[path]?.includes(problem)) return;
    fields[path] = fields[path] ? `${fields[path]}; ${problem}` : problem;
  };
  for (const issue of issues) {
    const path = pathOf(issue);
    add(path, describe(issue, path));
  }
  for (const path of unknown) add(path, unknownField(path));
  return fields;
}

function unknownField(path: string): string {
  const key = path.split(/[.[]/).at(-1) ?? path;
  return READ_ONLY.has(key) && key === path ? `'${key}' is read-only` : `unknown field '${key}'`;
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = "";
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    path += typeof key === "number" ? `[${key}]` : path ? `.${key}` : key;
  }
  return path || "body";
}

function describe(issue: v.BaseIssue<unknown>, path: string): string {
  const requirement = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case "strict_object":
      // A strict object reports a missing required member with the same issue type as an unknown one.
      if (issue.received === "undefined") return "is required";
      return unknownField(path);
    case "object":
    case "strict_object_key":
      if (issue.received === "undefined") return "is required";
      return `must be an object, got ${issue.received}`;
    case "picklist":
      return `must be one of ${issue.expected?.replace(/^\(|\)$/g, "").replace(/ \| /g, ", ")}, got ${issue.received}`;
    case "string":
    case "number":
    case "boolean":
    case "array":
    case "record":
      return `must be ${article(issue.type)}, got ${issue.received}`;
    case "max_length":
      return `must be at most ${String(requirement)} characters`;
    case "min_length":
      return issue.message.startsWith("Invalid") ? `must be at least ${String(requirement)} characters` : issue.message;
    case "min_value":
      return `must be at least ${String(requirement)}`;
    case "max_value":
      return `must be at most ${String(requirement)}`;
    case "integer":
      return "must be a whole number";
    case "finite":
      return "must be a finite number";
    default:
      return issue.message;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: "a string",
    number: "a number",
    boolean: "true or false",
    array: "an array",
    record: "an object of strings",
  };
  return names[type] ?? type;
}
