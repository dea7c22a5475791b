/**
 * `:name` placeholders turned into the numbered ones each database takes (`?1` for D1/SQLite, `$1` for PostgreSQL),
 * binding exactly the values the text uses: D1 refuses a statement bound with more values than it has parameters.
 * `::type` casts are left alone.
 */

export function numbered(
  text: string,
  values: Record<string, unknown>,
  style: "?" | "$",
): { text: string; values: unknown[] } {
  const order: string[] = [];
  const out = text.replace(/(?<!:):([a-z_][a-z0-9_]*)/gi, (_, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`SQL parameter :${name} has no value`);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `${style}${index + 1}`;
  });
  return { text: out, values: order.map((name) => values[name]) };
}
