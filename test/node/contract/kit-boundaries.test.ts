import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const KIT = join(process.cwd(), "test", "conformance");
const CONTRACT = join(process.cwd(), "worker", "contract");
const files = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));

// The rules run in node (CLI), in vitest and could run in workerd: only the CLI may touch node or the process.
describe("what the conformance kit and the contract generator may import", () => {
  it("kit modules other than cli.ts use no node built-ins and no process", () => {
    const offenders = files(KIT)
      .filter(({ name }) => name !== "cli.ts")
      .filter(({ text }) => /from "node:|\bprocess\.|require\(/.test(text))
      .map(({ name }) => name);
    expect(offenders).toEqual([]);
  });

  it("the OpenAPI generator imports nothing from Cloudflare, node or hono", () => {
    const offenders = files(CONTRACT)
      .filter(({ text }) => /from "(node:|cloudflare:|hono)/.test(text))
      .map(({ name }) => name);
    expect(offenders).toEqual([]);
  });
});
