/** The folder graph of worker/ points only down (README, "Layout"); `npm run lint` runs the same check. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the lint, without type declarations.
import { LAYERS, layerProblems } from "../../../.ci/check-layers.mjs";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, "worker");
}

describe("worker/ layers", () => {
  it("the worker's own imports all point down", () => {
    expect(layerProblems()).toEqual([]);
  });

  it("names every top-level folder of worker/ in a layer", () => {
    expect((LAYERS as string[][]).flat()).toEqual(
      expect.arrayContaining(["core", "engine", "wiring", "jobs", "http", "webhooks", "index.ts"]),
    );
  });

  it("reports an import up, an import sideways and a type-only import up, and allows down and shared/", () => {
    const worker = tree({
      "worker/core/plan.ts": 'import type { Deps } from "../wiring/build-deps";\nimport { x } from "../../shared/x";\n',
      "worker/jobs/cron.ts": 'import { app } from "../http/app";\nimport { plan } from "../core/plan";\n',
      "worker/http/app.ts": 'import { buildDeps } from "../wiring/build-deps";\n',
      "worker/wiring/build-deps.ts": 'import { hono } from "hono";\n',
      "shared/x.ts": "export const x = 1;\n",
    });
    expect(layerProblems(worker)).toEqual([
      "worker/core/plan.ts imports worker/wiring (layer 3), not below worker/core (layer 0)",
      "worker/jobs/cron.ts imports worker/http (layer 4), not below worker/jobs (layer 4)",
    ]);
  });

  it("reports a folder that is in no layer", () => {
    const worker = tree({ "worker/misc/thing.ts": "export const a = 1;\n" });
    expect(layerProblems(worker)).toEqual(["worker/misc is in no layer: add it to LAYERS in .ci/check-layers.mjs"]);
  });
});
