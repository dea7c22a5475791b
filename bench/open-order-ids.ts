/**
 * The CPU of the cron's look for invoiced orders: PowerOffice's open orders' ids (`Fields=Id`), parsed and checked
 * by the connector's own `readList` with its own schema, at the cap of 6,000 ids, read as one page (how the worker
 * reads them) and as three pages of 2,000. The page size is chosen on this figure: CPU follows the ids, not the pages,
 * so one page costs no more CPU and saves requests (worker/connectors/poweroffice/sales-orders.ts).
 */
import { randomUUID } from "node:crypto";
import { OPEN_IDS_MAX_PAGES, OPEN_IDS_PAGE_SIZE } from "../worker/connectors/poweroffice/sales-orders";
import { SalesOrderId } from "../worker/connectors/poweroffice/schemas";
import { readList } from "../worker/connectors/poweroffice/validate";
import type { BenchRow } from "./types";

const ROUNDS = 50;

function page(ids: string[]) {
  return { status: 200, headers: new Headers(), body: JSON.stringify(ids.map((Id) => ({ Id }))) };
}

/** Median milliseconds to parse and check `pages`, over ROUNDS rounds after a warm-up. */
function timed(pages: ReturnType<typeof page>[]): number {
  const once = () => {
    for (const res of pages) {
      const rows = readList(SalesOrderId, "sales order", res, "GET /SalesOrders (ids of the open orders)");
      if (!rows.ok) throw new Error(rows.error.message);
    }
  };
  for (let i = 0; i < 10; i++) once();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<BenchRow[]> {
  const cap = OPEN_IDS_PAGE_SIZE * OPEN_IDS_MAX_PAGES;
  const ids = Array.from({ length: cap }, () => randomUUID());
  const third = Math.ceil(cap / 3);
  const onePage = timed([page(ids)]);
  const threePages = timed([page(ids.slice(0, third)), page(ids.slice(third, 2 * third)), page(ids.slice(2 * third))]);
  const bytes = page(ids).body.length;
  return [
    {
      figure: "1. CPU of the open orders' ids (the look for invoiced orders)",
      value: `${onePage.toFixed(2)} ms for ${cap.toLocaleString("en")} ids in 1 page (${OPEN_IDS_MAX_PAGES} read, ${(bytes / 1000).toFixed(0)} kB); ${threePages.toFixed(2)} ms in 3 pages (3 reads)`,
      target: "report (Workers Free: 10 ms CPU per invocation)",
      met: null,
      setup: `readList with the connector's SalesOrderId schema, median of ${ROUNDS} rounds; one core, node ${process.version}`,
      data: { ids: cap, onePageMs: onePage, threePagesMs: threePages, bytes },
    },
  ];
}
