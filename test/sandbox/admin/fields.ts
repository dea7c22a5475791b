/**
 * Edit forms described as data: each field says how to show a record's value and where a changed value goes in
 * the patch. Only changed fields reach the patch, so saving an untouched form changes nothing on either side (no
 * LastChanged bump, no webhook) — as in a real admin.
 */

export type FieldValue = string | number | boolean | null;

export interface Field<R> {
  /** The form control's name; also the patch path, dot-separated for nested objects (MailAddress.City). */
  name: string;
  label: string;
  input: "text" | "email" | "tel" | "url" | "number" | "money" | "date" | "checkbox" | "select";
  options?: readonly string[];
  hint?: string;
  /** Left out for records it does not apply to (a person has no company name). */
  applies?: (record: R) => boolean;
  read: (record: R) => FieldValue;
}

export type FormData = Record<string, string | undefined>;

export type Parsed = { ok: true; patch: Record<string, unknown>; changed: string[] } | { ok: false; message: string };

/** The patch of what the form changed; `money` is the shop's decimal string ("3490.00"), `number` a number. */
export function patchFromForm<R>(fields: readonly Field<R>[], record: R, form: FormData): Parsed {
  const patch: Record<string, unknown> = {};
  const changed: string[] = [];
  for (const field of fields) {
    if (field.applies && !field.applies(record)) continue;
    const parsed = parseValue(field, form[field.name]);
    if (!parsed.ok) return { ok: false, message: `${field.label}: ${parsed.message}` };
    if (parsed.value === field.read(record)) continue;
    setPath(patch, field.name.split("."), parsed.value);
    changed.push(field.label);
  }
  return { ok: true, patch, changed };
}

function parseValue(
  field: Pick<Field<never>, "input" | "options">,
  raw: string | undefined,
): { ok: true; value: FieldValue } | { ok: false; message: string } {
  if (field.input === "checkbox") return { ok: true, value: raw !== undefined };
  const text = (raw ?? "").trim();
  if (text === "") return { ok: true, value: null };
  if (field.input === "number" || field.input === "money") {
    const n = Number(text.replace(/\s/g, "").replace(",", "."));
    if (!Number.isFinite(n)) return { ok: false, message: `"${text}" is not a number` };
    return { ok: true, value: field.input === "money" ? n.toFixed(2) : n };
  }
  if (field.options && !field.options.includes(text)) {
    return { ok: false, message: `choose one of ${field.options.join(", ")}` };
  }
  return { ok: true, value: text };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  setPath(target[head] as Record<string, unknown>, rest, value);
}

/** What a record's value looks like in its form control. */
export function formValue(value: FieldValue): string {
  if (value === null || typeof value === "boolean") return "";
  return String(value);
}
