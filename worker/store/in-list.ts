/**
 * `IN (…)` lists built from a list of values, split so that no statement binds more than D1 allows: 100 bound
 * parameters per query (https://developers.cloudflare.com/d1/platform/limits/, "Maximum bound parameters per query").
 * A feed page of a large tie group, or any other list that grows with the data, must never make a query fail for good.
 */

/** D1's limit of bound parameters in one statement. */
export const MAX_BOUND_PARAMETERS = 100;

/** `values` in slices that fit one statement next to its `otherBinds` other parameters. */
export function inListChunks<T>(values: readonly T[], otherBinds: number): T[][] {
  const size = MAX_BOUND_PARAMETERS - otherBinds;
  if (size < 1) throw new Error(`a statement with ${otherBinds} other parameters leaves no room for an IN list`);
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

/** "?, ?, ?" for a chunk of `n` values. */
export const inPlaceholders = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

/**
 * Runs `statementFor(chunk)` for each chunk of `values` and returns every row: one statement when it fits, else one
 * `db.batch()` (one round trip) of them all.
 */
export async function allInChunks<Row>(
  db: D1Database,
  values: readonly unknown[],
  otherBinds: number,
  statementFor: (chunk: unknown[]) => D1PreparedStatement,
): Promise<Row[]> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return [];
  const statements = inListChunks(unique, otherBinds).map(statementFor);
  if (statements.length === 1) return (await (statements[0] as D1PreparedStatement).all<Row>()).results;
  return (await db.batch<Row>(statements)).flatMap((result) => result.results);
}
