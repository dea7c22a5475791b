/**
 * (3) Latency shop → PowerOffice: a shop admin edits a linked customer's phone; the shop signs and sends its webhook;
 * the worker (inside workerd) records it, queues it, the Queue consumer re-reads the record and patches PowerOffice.
 * Measured from the edit to the moment the PowerOffice simulator holds the new value, one edit at a time.
 */
import type { BenchRow } from "../types";
import { percentile } from "./invocations";
import { startStack } from "./stack";

const EDITS = Number(process.env.BENCH_LATENCY_EDITS ?? 200);
const CUSTOMERS = 20;
const TIMEOUT_MS = 30_000;

export async function run(): Promise<BenchRow[]> {
  const stack = await startStack({ portBase: 9220 });
  try {
    const { sim, shop } = stack;
    const { customers, partner } = await stack.linkShopCustomers(CUSTOMERS, "Latens");
    const latencies: number[] = [];
    let timeouts = 0;
    for (let i = 0; i < EDITS; i++) {
      const customer = customers[i % customers.length]!;
      const poId = partner.get(customer.id)!;
      const phone = `+47 9${String(1_000_000 + i).slice(1)}`;
      const start = performance.now();
      shop.edit("customers", customer.id, { phone });
      const seen = await waitFor(() => sim.get("customers", poId)?.PhoneNumber === phone);
      if (seen) latencies.push(performance.now() - start);
      else {
        timeouts += 1;
        if (process.env.BENCH_VERBOSE) {
          const rows = await stack.query(
            "SELECT * FROM webhook_inbox WHERE resource_id = ? ORDER BY received_at",
            customer.id,
          );
          const link = await stack.query("SELECT * FROM links WHERE webshop_id = ?", customer.id);
          console.error(
            `edit ${i} of ${customer.id} to ${phone} not seen`,
            rows,
            link,
            stack.logs
              .filter((l) => !l.includes("server.c++") && !l.startsWith("stack:") && !l.startsWith("cron"))
              .slice(-10),
          );
        }
      }
      if ((i + 1) % 50 === 0 || process.env.BENCH_VERBOSE) process.stderr.write(`  ${i + 1}/${EDITS} edits\n`);
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const max = latencies[latencies.length - 1]!;
    return [
      {
        figure: "3. latency shop → PowerOffice",
        value: `p50 ${(p50 / 1000).toFixed(2)} s, p95 ${(p95 / 1000).toFixed(2)} s, max ${(max / 1000).toFixed(2)} s over ${latencies.length} edits${timeouts ? `; ${timeouts} not seen within ${TIMEOUT_MS / 1000} s` : ""}`,
        target: "p95 ≤ 2 s locally",
        met: timeouts === 0 && p95 <= 2_000,
        setup: `workerd (Miniflare, local D1/KV/Queue, wrangler.toml's consumer: batches of up to 3, 1 s batch timeout); ${EDITS} phone edits one at a time over ${CUSTOMERS} linked customers; from the shop's edit (its webhook sent at once, signed) to the PowerOffice simulator holding the value`,
        data: { p50, p95, max, edits: EDITS, timeouts, latencies },
      },
    ];
  } finally {
    await stack.stop();
  }
}

async function waitFor(done: () => boolean): Promise<boolean> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return done();
}
