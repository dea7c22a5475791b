/**
 * docs/webshop-kit.md shows the examples' code; each block after a `<!-- file: <path> -->` line must be that file,
 * word for word, so the guide shows what CI runs (examples.test.ts). The two examples share one shop.js.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const SHOWN = /<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)```/g;

describe("docs/webshop-kit.md", () => {
  it("shows each example's server.js, the shared shop.js, the Workers and own-tables examples exactly as they are", async () => {
    const guide = await readFile(join(ROOT, "docs/webshop-kit.md"), "utf8");
    const shown = new Map([...guide.matchAll(SHOWN)].map((match) => [match[1]!, match[2]!]));
    expect([...shown.keys()].sort()).toEqual([
      "webshop-kit/examples/express/server.js",
      "webshop-kit/examples/hono/server.js",
      "webshop-kit/examples/hono/shop.js",
      "webshop-kit/examples/own-tables/customers-adapter.js",
      "webshop-kit/examples/own-tables/schema.sql",
      "webshop-kit/examples/workers/src/index.js",
      "webshop-kit/examples/workers/wrangler.toml",
    ]);
    for (const [path, code] of shown) expect(code, path).toBe(await readFile(join(ROOT, path), "utf8"));
  });

  it("has one shop.js for both examples", async () => {
    const [hono, express] = await Promise.all(
      ["hono", "express"].map((example) => readFile(join(ROOT, `webshop-kit/examples/${example}/shop.js`), "utf8")),
    );
    expect(express).toBe(hono);
  });
});
