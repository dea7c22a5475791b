import { describe, expect, it } from "vitest";
import { FREE_PER_DAY, PAID_PER_DAY, PAID_PER_MONTH } from "../../../bench/quota/allowances";
import {
  amountsOf,
  daysOnFree,
  emptyUsage,
  fitPerFreeDay,
  messageBytes,
  queueOperations,
  queueUnits,
  rowsFromMeta,
  share,
  sumUsage,
  tallyRowsWritten,
  tightest,
  writeTarget,
  zeroAmounts,
} from "../../../bench/quota/arithmetic";

describe("rows from D1's result metadata", () => {
  it("takes rows_read and rows_written of one statement's result", () => {
    expect(rowsFromMeta({ results: [], meta: { rows_read: 7, rows_written: 2, changes: 1 } })).toEqual({
      rowsRead: 7,
      rowsWritten: 2,
    });
  });

  it("sums them over a batch's results, not counting statements", () => {
    const batch = [
      { meta: { rows_read: 3, rows_written: 3 } },
      { meta: { rows_read: 10, rows_written: 0 } },
      { meta: { rows_read: 0, rows_written: 5 } },
    ];
    expect(rowsFromMeta(batch)).toEqual({ rowsRead: 13, rowsWritten: 8 });
  });

  it("counts nothing for a result without metadata (first() of a row, exec)", () => {
    expect(rowsFromMeta({ id: 1 })).toEqual({ rowsRead: 0, rowsWritten: 0 });
    expect(rowsFromMeta(null)).toEqual({ rowsRead: 0, rowsWritten: 0 });
  });
});

describe("Queues operations", () => {
  it("costs one operation per started 64 KB (1 KB = 1,000 bytes), at least one", () => {
    expect(queueUnits(0)).toBe(1);
    expect(queueUnits(200)).toBe(1);
    expect(queueUnits(64_000)).toBe(1);
    expect(queueUnits(64_001)).toBe(2);
    expect(queueUnits(128_000)).toBe(2);
  });

  it("sizes a message by its JSON in UTF-8", () => {
    expect(messageBytes({ kind: "ø" })).toBe(JSON.stringify({ kind: "x" }).length + 1);
  });

  it("adds writes, reads and deletes: a small message delivered once costs three, each retry one read more", () => {
    const once = { ...emptyUsage(), queueWrites: 1, queueReads: 1, queueDeletes: 1 };
    expect(queueOperations(once)).toBe(3);
    const retriedTwice = { ...emptyUsage(), queueWrites: 1, queueReads: 3, queueDeletes: 1, queueRetries: 2 };
    expect(queueOperations(retriedTwice)).toBe(5);
  });

  it("sums usage over invocations", () => {
    const total = sumUsage([{ d1Queries: 2, d1RowsWritten: 4 }, { d1Queries: 1, queueReads: 3 }, undefined]);
    expect(total).toMatchObject({ d1Queries: 3, d1RowsWritten: 4, queueReads: 3, kvWrites: 0 });
  });
});

describe("shares of the allowances", () => {
  it("compares a day's use with Free's daily allowance and with Paid's monthly amount over 30 days", () => {
    expect(share(5_000, FREE_PER_DAY.queueOps)).toBe(0.5);
    expect(PAID_PER_DAY.queueOps).toBeCloseTo(PAID_PER_MONTH.queueOps / 30);
    expect(share(1, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("names the allowance that runs out first, and the Free days the use takes", () => {
    const use = amountsOf({ ...emptyUsage(), queueWrites: 10_000, queueReads: 10_000, queueDeletes: 5_000 }, 500);
    expect(use.queueOps).toBe(25_000);
    expect(tightest(use, FREE_PER_DAY)).toEqual({ key: "queueOps", share: 2.5 });
    expect(daysOnFree(use)).toBe(3);
    expect(daysOnFree(zeroAmounts())).toBe(1);
  });

  it("fits as many units in a Free day as the tightest allowance leaves after the fixed use", () => {
    const perChange = { ...zeroAmounts(), requests: 2, queueOps: 3, d1RowsWritten: 10 };
    expect(fitPerFreeDay(perChange)).toBe(3_333);
    const crons = { ...zeroAmounts(), requests: 1_440, d1RowsWritten: 40_000 };
    expect(fitPerFreeDay(perChange, crons)).toBe(3_333);
    expect(fitPerFreeDay(perChange, { ...crons, d1RowsWritten: 90_000 })).toBe(1_000);
  });
});

describe("rows written by table", () => {
  it("names the table and the kind of each writing statement", () => {
    expect(writeTarget("INSERT INTO links (id) VALUES (?)")).toBe("links insert");
    expect(writeTarget("  insert or replace into `settings` (key) values (?)")).toBe("settings insert");
    expect(writeTarget("REPLACE INTO cursors VALUES (?)")).toBe("cursors insert");
    expect(writeTarget('UPDATE "leases" SET expires_at = ?')).toBe("leases update");
    expect(writeTarget("UPDATE OR IGNORE links SET state = ?")).toBe("links update");
    expect(writeTarget("DELETE FROM leases WHERE holder = ?")).toBe("leases delete");
    expect(
      writeTarget(`INSERT INTO leases (name) SELECT ?1 WHERE EXISTS (SELECT 1 FROM links WHERE id = ?5)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder`),
    ).toBe("leases insert");
    expect(writeTarget("SELECT * FROM links")).toBe("other");
    // A run's claim on a link, taken or given back on its own; one written with the link's data is its update.
    expect(writeTarget("UPDATE links SET claim_holder = ?3, claim_until = ?4 WHERE id = ?1")).toBe("links claim");
    expect(writeTarget("UPDATE links SET claim_holder = NULL, claim_until = NULL WHERE id = ?1")).toBe("links claim");
    expect(writeTarget("UPDATE links SET state = ?, claim_holder = CASE WHEN claim_holder IS ? THEN NULL")).toBe(
      "links update",
    );
  });

  it("adds each statement's meta.rows_written to its table, a batch's results one by one", () => {
    const tally: Record<string, number> = {};
    tallyRowsWritten(
      tally,
      ["INSERT INTO links (id) VALUES (?)", "DELETE FROM leases WHERE name = ?", "SELECT 1"],
      [{ meta: { rows_written: 9 } }, { meta: { rows_written: 1 } }, { meta: { rows_written: 0 } }],
    );
    tallyRowsWritten(tally, ["INSERT INTO links (id) VALUES (?)"], { meta: { rows_written: 4 } });
    expect(tally).toEqual({ "links insert": 13, "leases delete": 1 });
  });
});
