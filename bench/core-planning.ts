/**
 * (1) Core planning throughput: 100k linked pairs across the four dataflows (seeded), 10 % edited on one side since
 * the last sync; times planSync over all of them on one core (mapping both sides, three-way diff, plan). Building
 * and linking the pairs is setup and not timed.
 */

import { poCustomer, poDepartment, poOrder, poProduct, RESOLVER } from "../test/node/core/fixtures";
import { edit, planInput, sync, type World, world } from "../test/node/core/world";
import { planSync } from "../worker/core/plan";
import type { DataflowId } from "../worker/core/types";
import type { BenchRow } from "./types";

export const RECORDS = 100_000;
const CHANGED_SHARE = 0.1;

/** mulberry32: a small seeded generator so every run plans the same records. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIX: Array<[DataflowId, number]> = [
  ["customers", 0.5],
  ["departments", 0.02],
  ["products", 0.28],
  ["orders", 0.2],
];

function template(dataflow: DataflowId, i: number, rnd: () => number): Record<string, unknown> {
  switch (dataflow) {
    case "customers":
      return poCustomer({ Id: 100000 + i, Name: `Kunde ${i} AS`, Number: 20000 + i, EmailAddress: `k${i}@x.no` });
    case "departments":
      return poDepartment({ Id: 100000 + i, Code: `D${i}`, Name: `Avdeling ${i}` });
    case "products":
      return poProduct({ Id: 100000 + i, Code: `SKU-${i}`, Name: `Vare ${i}`, UnitPrice: Math.round(rnd() * 5000) });
    case "orders":
      return poOrder({ Id: `6f1c2b8e-0d4a-4c1e-9a57-${String(i).padStart(12, "0")}` });
  }
}

function pick(rnd: () => number): DataflowId {
  let r = rnd();
  for (const [dataflow, share] of MIX) {
    r -= share;
    if (r < 0) return dataflow;
  }
  return "customers";
}

function change(w: World, rnd: () => number) {
  const side = rnd() < 0.5 ? "poweroffice" : "webshop";
  edit(w, side, (raw) => {
    if (w.dataflow === "orders") {
      if (side === "poweroffice") raw.PurchaseOrderReference = `PO-${Math.floor(rnd() * 1e6)}`;
      else raw.purchase_order_reference = `PO-${Math.floor(rnd() * 1e6)}`;
    } else if (side === "poweroffice") raw.Name = `${raw.Name} endret`;
    else raw.name = `${raw.name} endret`;
  });
}

export async function run(): Promise<BenchRow[]> {
  const rnd = seeded(6);
  // Setup: link one pair per dataflow the real way (plan, apply, plan again), then clone it with new ids/names.
  const worlds: World[] = [];
  const counts: Record<string, number> = {};
  for (let i = 0; i < RECORDS; i++) {
    const dataflow = pick(rnd);
    counts[dataflow] = (counts[dataflow] ?? 0) + 1;
    const w = world(dataflow, { poweroffice: template(dataflow, i, rnd), webshop: null }, { resolver: RESOLVER });
    sync(w);
    sync(w);
    if (rnd() < CHANGED_SHARE) change(w, rnd);
    worlds.push(w);
  }
  const inputs = worlds.map(planInput);
  worlds.length = 0;
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let writes = 0;
  const started = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    writes += planSync(inputs[i]!).writes.length;
    if ((i & 1023) === 0) {
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  const perSecond = inputs.length / seconds;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const mix = Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const setup = `${inputs.length} linked pairs (${mix}), ${CHANGED_SHARE * 100} % edited; one core, node ${process.version}; ${writes} writes planned`;
  return [
    {
      figure: "1. core planning throughput",
      value: `${Math.round(perSecond).toLocaleString("en")} records/s (${((seconds * 1e6) / inputs.length).toFixed(1)} µs/record)`,
      target: "≥ 5,000 records/s",
      met: perSecond >= 5000,
      setup,
      data: { records: inputs.length, seconds, perSecond, writes, counts },
    },
    {
      figure: "1. core planning memory peak",
      value: `rss ${mb(peakRss)}, heap ${mb(peakHeap)} (heap at start ${mb(base.heapUsed)}, inputs held in memory)`,
      target: "report",
      met: null,
      setup: "process.memoryUsage() sampled every 1024 records during the timed loop",
      data: { peakRss, peakHeap, baseHeap: base.heapUsed, baseRss: base.rss },
    },
  ];
}
