/**
 * (6) Widget: the gzipped size of the bundle as widget/build.ts builds it, and the time from the script starting to
 * load to the dashboard's first rendered status (shadow content showing the stub /api/status data) in Chromium.
 * The page, /widget.js and a schema-valid /api/status stub are served by a local node server on 127.0.0.1.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as v from "valibot";
import { type StatusResponse, StatusResponseSchema } from "../shared/api/status";
import { DATAFLOWS, DIRECTIONS, LINK_STATES } from "../shared/api/vocabulary";
import { launchChromium } from "../test/browser/chromium";
import { buildWidget } from "../widget/build";
import type { BenchRow } from "./types";

const TARGET_BYTES = 30 * 1024;
const LOADS = 10;
/** A count no other text on the dashboard shows: its appearance means the status was rendered. */
const MARKER_TOTAL = 4817;

function stubStatus(): StatusResponse {
  const now = new Date().toISOString();
  return v.parse(StatusResponseSchema, {
    version: "bench",
    generatedAt: now,
    conflictPolicy: "newest-wins",
    dataflows: DATAFLOWS.map((dataflow, i) => ({
      dataflow,
      directions: DIRECTIONS.map((direction) => ({ direction, paused: false, pausedAt: null })),
      counts: Object.fromEntries(LINK_STATES.map((s) => [s, s === "linked" ? MARKER_TOTAL + i : 0])),
      total: MARKER_TOTAL + i,
      backlog: 0,
      backfill: { done: MARKER_TOTAL + i, total: MARKER_TOTAL + i, complete: true },
      feeds: [
        { side: "poweroffice", started: true, advancedAt: now },
        { side: "webshop", started: true, advancedAt: now },
      ],
      lastRunAt: now,
      nextRunAt: now,
      brake: null,
    })),
    attention: { errors: 0, conflicts: 0, ambiguous: 0, deadLetters: 0 },
    recentActivity: [],
  });
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<poweroffice-sync></poweroffice-sync>
<script>
  document.querySelector("poweroffice-sync").setAttribute("api-base", location.origin);
  document.querySelector("poweroffice-sync").token = "bench-token";
  window.__bench = { start: performance.now(), loaded: null, rendered: null };
  const s = document.createElement("script");
  s.type = "module";
  s.src = "/widget.js";
  s.onload = () => { window.__bench.loaded = performance.now(); };
  document.body.appendChild(s);
  const marker = "${MARKER_TOTAL}".replace(/\\B(?=(\\d{3})+(?!\\d))/g, "");
  (function poll() {
    const el = document.querySelector("poweroffice-sync");
    const text = el && el.shadowRoot ? el.shadowRoot.textContent.replace(/[\\s,.\\u00a0\\u202f]/g, "") : "";
    if (text.includes(marker)) { window.__bench.rendered = performance.now(); return; }
    requestAnimationFrame(poll);
  })();
</script></body></html>`;

export async function run(): Promise<BenchRow[]> {
  const build = await buildWidget({ quiet: true });
  const sizeRow: BenchRow = {
    figure: "6. widget size",
    value: `${(build.gzipBytes / 1024).toFixed(1)} kB gzipped (${(build.bytes / 1024).toFixed(1)} kB raw)`,
    target: "≤ 30 kB gzipped",
    met: build.gzipBytes <= TARGET_BYTES,
    setup: "widget/build.ts buildWidget (esbuild, minified), gzip of /widget.js",
    data: { bytes: build.bytes, gzipBytes: build.gzipBytes },
  };
  const bundle = readFileSync(build.file);
  const status = JSON.stringify(stubStatus());
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/widget.js") {
      res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" });
      res.end(bundle);
    } else if (path === "/api/status") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(status);
    } else if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  const times: number[] = [];
  const loads: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __bench: { rendered: number | null } }).__bench.rendered !== null,
        undefined,
        {
          timeout: 15_000,
        },
      );
      const b = await page.evaluate(
        () => (window as unknown as { __bench: { start: number; loaded: number; rendered: number } }).__bench,
      );
      times.push(b.rendered - b.start);
      loads.push(b.loaded - b.start);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return [
    sizeRow,
    {
      figure: "6. widget first render",
      value: `median ${median.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (script loaded after median ${[...loads].sort((a, b) => a - b)[Math.floor(loads.length / 2)]!.toFixed(0)} ms)`,
      target: "report",
      met: null,
      setup: `Chromium headless (playwright-core), ${LOADS} fresh contexts, loopback server, stub /api/status (4 dataflows); from script insertion to the status counts in the shadow root`,
      data: { times, loads },
    },
  ];
}
