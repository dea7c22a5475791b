/** The JSON chunks of a multi-row INSERT: every row once, in order, and no chunk over D1's limits but a lone row's. */
import { describe, expect, it } from "vitest";
import { jsonRowChunks, MAX_JSON_CHARS, MAX_ROWS_PER_INSERT } from "../../../worker/store/rows-in-one-insert";

const rowsOf = (chunks: string[]) => chunks.flatMap((chunk) => JSON.parse(chunk) as unknown[][]);

describe("jsonRowChunks", () => {
  it("puts a page's rows in one chunk, as JSON that gives them back", () => {
    const rows = [
      ["a", 1, null, '{"x":[1,2]}'],
      ["Ærø «🛑»", 2.5, true, null],
    ];
    const chunks = jsonRowChunks(rows);
    expect(chunks).toHaveLength(1);
    expect(rowsOf(chunks)).toEqual(rows);
  });

  it("starts a new chunk at the row limit", () => {
    const rows = Array.from({ length: MAX_ROWS_PER_INSERT * 2 + 1 }, (_, i) => [i]);
    const chunks = jsonRowChunks(rows);
    expect(chunks.map((c) => (JSON.parse(c) as unknown[]).length)).toEqual([100, 100, 1]);
    expect(rowsOf(chunks)).toEqual(rows);
  });

  it("starts a new chunk before the character limit, and gives a row over it a chunk of its own", () => {
    const big = (n: number) => ["x".repeat(n)];
    const rows = [big(100_000), big(100_000), big(100_000), big(MAX_JSON_CHARS + 5), ["small"]];
    const chunks = jsonRowChunks(rows);
    expect(chunks.map((c) => (JSON.parse(c) as unknown[]).length)).toEqual([2, 1, 1, 1]);
    for (const chunk of chunks.filter((c) => !c.includes("x".repeat(MAX_JSON_CHARS))))
      expect(chunk.length).toBeLessThanOrEqual(MAX_JSON_CHARS);
    expect(rowsOf(chunks)).toEqual(rows);
  });

  it("makes no chunk of no rows", () => {
    expect(jsonRowChunks([])).toEqual([]);
  });
});
