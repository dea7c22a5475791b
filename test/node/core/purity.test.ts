/**
 * The sync core stays pure (docs/sync-engine.md, "Layers"): no platform, no network, no clock, no randomness, no
 * runtime imports of other layers. A grep over worker/sync, so a stray import fails here before review.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../../../worker/core");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+["']hono/, "imports hono"],
  [/["']cloudflare:/, "imports a cloudflare: module"],
  [/\bfetch\s*\(/, "calls fetch"],
  [/\bDate\.now\s*\(/, "reads the clock (Date.now)"],
  [/new\s+Date\s*\(\s*\)/, "reads the clock (new Date())"],
  [/\bperformance\.now\b/, "reads the clock (performance.now)"],
  [/\bMath\.random\b/, "uses randomness"],
  [/\bcrypto\./, "uses the platform's crypto"],
  [/\bprocess\./, "reads the process"],
  [/\bconsole\./, "logs"],
  [/\bsetTimeout\b|\bsetInterval\b/, "uses timers"],
];

/** Runtime imports (not `import type`) of anything outside the core. */
const RUNTIME_IMPORT = /^import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm;

describe("the sync core is pure", () => {
  // Comments may name what the code must not do ("never calls Date.now()"): only code is checked.
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const sources = files(ROOT).map((path) => ({ path: relative(ROOT, path), text: code(readFileSync(path, "utf8")) }));

  it("has modules to check", () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it("never imports a platform, calls the network, reads the clock or uses randomness", () => {
    const found = sources.flatMap(({ path, text }) =>
      FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${path} ${what}`),
    );
    expect(found).toEqual([]);
  });

  it("imports other layers (connectors, valibot, shared schemas) as types only", () => {
    const found = sources.flatMap(({ path, text }) =>
      [...text.matchAll(RUNTIME_IMPORT)]
        .map((m) => m[1]!)
        .filter((from) => !from.startsWith(".") || relative(ROOT, resolve(ROOT, dirname(path), from)).startsWith(".."))
        .map((from) => `${path} imports ${from} at runtime`),
    );
    expect(found).toEqual([]);
  });
});
