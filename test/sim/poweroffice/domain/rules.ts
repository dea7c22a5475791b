/** Checks several entities share: references that must exist, keys that must be unique, what a write changed. */
import { ProblemError } from "../core/problem";
import type { SimState } from "./state";

/** A unique key already taken: 400 worded as the OpenAPI example ("… is used on (contact) Id = 123456789."). */
export function assertUnique<T extends { Id: number | string }>(
  rows: Iterable<T>,
  self: T,
  key: keyof T & string,
  kind: string,
  title: string,
  same: (a: unknown, b: unknown) => boolean = (a, b) => a === b,
): void {
  const value = self[key];
  if (value === null || value === undefined || value === "") return;
  for (const row of rows) {
    if (row.Id !== self.Id && same(row[key], value)) {
      throw new ProblemError(
        400,
        title,
        `${key} is already in use. '${String(value)}' is used on (${kind}) Id = ${row.Id}.`,
      );
    }
  }
}

export function sameIgnoringCase(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/**
 * Resolves a department given by id or code (the id wins, as the OpenAPI says for id/code pairs). Unknown ones are
 * 404, as the OpenAPI example for customers shows ("Department with code = 'Avdeling10' not found.").
 */
export function resolveDepartment(
  state: SimState,
  id: number | null | undefined,
  code: string | null | undefined,
  title: string,
): number | null {
  if (id !== null && id !== undefined) {
    if (!state.departments.get(String(id))) throw new ProblemError(404, title, `Department with id = ${id} not found.`);
    return id;
  }
  if (code === null || code === undefined || code === "") return null;
  const found = state.departments.values().find((d) => sameIgnoringCase(d.Code, code));
  if (!found) throw new ProblemError(404, title, `Department with code = '${code}' not found.`);
  return found.Id;
}

export function departmentCode(state: SimState, id: number | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  return state.departments.get(String(id))?.Code ?? null;
}

/** Whether any of `keys` differs between two versions (by JSON value). */
export function differs(before: object, after: object, keys: Iterable<string>): boolean {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of keys) {
    if (JSON.stringify(a[key] ?? null, bigintSafe) !== JSON.stringify(b[key] ?? null, bigintSafe)) return true;
  }
  return false;
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** Picks the keys of `source` listed in `keys`. */
export function pick(source: object, keys: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (source as Record<string, unknown>)[key] ?? null;
  return out;
}

/** Turns a validation failure during seeding or a GUI edit into a plain error: that is a mistake in the test. */
export function asSetupError<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ProblemError) throw new Error(`${what}: ${error.detail}`);
    throw error;
  }
}

/** Every field of a spec set to null: the base of a new row, so each DTO field is present. */
export function nulls(spec: object): Record<string, null> {
  return Object.fromEntries(Object.keys(spec).map((k) => [k, null]));
}
