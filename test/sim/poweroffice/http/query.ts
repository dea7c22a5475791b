/**
 * Query-string reading as ASP.NET model binding does it: parameter names case-insensitive, ResourceParameters also
 * under a `resourceParameter.` prefix, unknown parameters ignored, and a value that does not bind answers 400.
 */
import { invalidValue, ProblemError } from "../core/problem";
import { parseTimestamp } from "../core/ticks";
import { isUuid } from "../schema/values";

export class Query {
  private readonly entries: [string, string][];

  constructor(readonly url: URL) {
    this.entries = [...url.searchParams.entries()];
  }

  /** The raw value, or undefined when absent. */
  raw(name: string): string | undefined {
    const wanted = [name.toLowerCase(), `resourceparameter.${name.toLowerCase()}`];
    return this.entries.find(([key]) => wanted.includes(key.toLowerCase()))?.[1];
  }

  /** The value, or null when absent or whitespace ("If null or whitespace, the filter is not used"). */
  get(name: string): string | null {
    const value = this.raw(name);
    return value === undefined || value.trim() === "" ? null : value;
  }

  names(): string[] {
    return this.entries.map(([key]) => key);
  }

  timestamp(name: string): bigint | null {
    const value = this.get(name);
    if (value === null) return null;
    const ticks = parseTimestamp(value.trim());
    if (ticks === null) throw invalidValue(name, value);
    return ticks;
  }

  bool(name: string): boolean | null {
    const value = this.get(name)?.trim().toLowerCase();
    if (value === undefined) return null;
    if (value !== "true" && value !== "false") throw invalidValue(name, this.get(name)!);
    return value === "true";
  }

  int(name: string): number | null {
    const value = this.get(name);
    if (value === null) return null;
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalidValue(name, value);
    return Number(value);
  }

  uuid(name: string): string | null {
    const value = this.get(name);
    if (value === null) return null;
    if (!isUuid(value.trim())) throw invalidValue(name, value);
    return value.trim().toLowerCase();
  }

  enumValue<T extends string>(name: string, values: readonly T[]): T | null {
    const value = this.get(name);
    if (value === null) return null;
    const match = values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
    if (match === undefined) throw invalidValue(name, value);
    return match;
  }

  /** A comma-separated list ("1, ABC, 10B"), trimmed; null when absent. */
  list(name: string): string[] | null {
    const value = this.get(name);
    if (value === null) return null;
    return value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }

  /** Number ranges as PowerOffice writes them: "10000-11000, 12000, 13000-" (inclusive; open-ended with a dash). */
  ranges(name: string): ((n: number | null) => boolean) | null {
    const items = this.list(name);
    if (items === null) return null;
    const tests = items.map((item) => {
      const m = /^(\d+)(?:\s*(-)\s*(\d+)?)?$/.exec(item);
      if (!m) {
        throw new ProblemError(
          400,
          "Unable to cast object(s)",
          `${name} contains invalid number(s) and/or range(s): '${item}'. Use comma separated numbers and ranges like "10000-11000, 12000, 13000-".`,
        );
      }
      const from = Number(m[1]);
      const to = m[2] ? (m[3] === undefined ? Number.POSITIVE_INFINITY : Number(m[3])) : from;
      return (n: number) => n >= from && n <= to;
    });
    return (n) => n !== null && tests.some((test) => test(n));
  }
}

/** Codes compare without regard to case, as the database collation does. */
export function inCodes(codes: string[], value: string | null): boolean {
  return value !== null && codes.some((code) => code.toLowerCase() === value.toLowerCase());
}

/** The route's int64 id, or 400 as ASP.NET answers a value that does not bind. */
export function longId(raw: string): number {
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw invalidValue("id", raw);
  return Number(raw);
}

export function uuidId(raw: string, name = "id"): string {
  if (!isUuid(raw)) throw invalidValue(name, raw);
  return raw.toLowerCase();
}
