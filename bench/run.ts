/**
 * `npm run bench` (node --import tsx bench/run.ts): runs every benchmark module in order, prints one table and writes
 * the same rows as JSON to bench/results/<timestamp>.json (git-ignored). A benchmark that throws becomes a
 * "not measured yet" row with the error; no figure is ever a constant.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCHMARKS } from "./list";
import { type BenchRow, notMeasured } from "./types";

const only = process.argv.slice(2);

async function main() {
  const rows: BenchRow[] = [];
  const dir = join(dirname(fileURLToPath(import.meta.url)), "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const meta = { at: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}` };
  // Written after each benchmark too, so a long run stopped halfway keeps what it measured.
  const save = () => writeFileSync(file, `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
  for (const bench of BENCHMARKS) {
    if (only.length > 0 && !only.includes(bench.id)) continue;
    process.stderr.write(`bench ${bench.id}: ${bench.title} …\n`);
    const started = performance.now();
    try {
      rows.push(...(await bench.run()));
    } catch (error) {
      rows.push(notMeasured(`${bench.id}. ${bench.title}`, "-", `failed: ${(error as Error).message}`));
    }
    process.stderr.write(`bench ${bench.id}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    save();
  }
  printTable(rows);
  save();
  process.stdout.write(`\nwritten: ${file}\n`);
}

function printTable(rows: BenchRow[]) {
  const head = ["figure", "value", "target", "met", "setup"];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.target,
    r.met === null ? "—" : r.met ? "met" : "NOT met",
    r.setup,
  ]);
  const widths = head.map((h, i) =>
    Math.min(i === 4 ? 200 : 60, Math.max(h.length, ...cells.map((c) => c[i]!.length))),
  );
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(" | ");
  process.stdout.write(`${line(head)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
}

await main();
