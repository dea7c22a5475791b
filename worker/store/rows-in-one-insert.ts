/**
 * Many rows in ONE `INSERT … SELECT … FROM json_each(?)`, their values bound as one JSON array of arrays.
 *
 * Why: `links` and `activity_log` have AUTOINCREMENT ids, and SQLite writes the table's counter in `sqlite_sequence`
 * once per statement, however many rows the statement inserts. D1 bills that write as a row written like any other.
 * One statement per row paid it once per row: a page's commit of 10 activity entries wrote 40 rows, where one
 * statement writes 31 (measured with D1's `meta.rows_written`, test/workerd/store/rows-written.test.ts). One bound
 * parameter also keeps every such statement under D1's 100 bound parameters per query, whatever the row's width.
 *
 * `json_extract` gives each value back as the SQL type it was bound as: a JSON string as TEXT (a JSON text inside a
 * string stays that text), a whole number as INTEGER, null as NULL. So the rows stored are the rows one INSERT each
 * would store (the contract suite runs both stores through the same checks).
 */

/**
 * D1's largest string or row, 2,000,000 bytes (https://developers.cloudflare.com/d1/platform/limits/, "Maximum
 * string, BLOB or table row size"; it was 1,000,000 before), bounds the JSON bound to one statement. A JavaScript
 * character is at most 3 bytes of UTF-8 (a surrogate pair, 2 characters, is 4), so 300,000 characters (at most
 * 900,000 bytes) stay under either.
 */
export const MAX_JSON_CHARS = 300_000;
/** At most this many rows per statement: a bound on what one statement does, not a D1 limit. */
export const MAX_ROWS_PER_INSERT = 100;

/** `json_extract(value, '$[i]')`: the i-th value of the row `json_each` is at. */
export const jsonValue = (i: number): string => `json_extract(value, '$[${i}]')`;

/**
 * The rows as JSON arrays of arrays, each within the limits above. A row that alone is over the character limit gets
 * a chunk of its own, and D1 refuses it as it would refuse the row bound value by value.
 */
export function jsonRowChunks(rows: readonly (readonly unknown[])[]): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let chars = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (parts.length > 0 && (parts.length >= MAX_ROWS_PER_INSERT || chars + text.length + 1 > MAX_JSON_CHARS)) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      chars = 2;
    }
    parts.push(text);
    chars += text.length + 1;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}
