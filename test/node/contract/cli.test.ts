import { execFile } from "node:child_process";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { parseArgs, USAGE } from "../../conformance/args";
import { RULES } from "../../conformance/rules";
import { createReferenceWebshop, type ReferenceWebshopOptions } from "../../sim/webshop";

describe("conformance CLI arguments", () => {
  it("names a missing --base-url, with the usage", () => {
    const parsed = parseArgs(["--token", "t"]);
    expect(parsed).toEqual({ ok: false, help: false, message: expect.stringContaining("--base-url is missing") });
    expect(parsed.ok ? "" : parsed.message).toContain(USAGE);
  });

  it("names a missing --token, unless WEBSHOP_API_TOKEN is set", () => {
    const missing = parseArgs(["--base-url", "https://shop.example.no/api"], {});
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining("--token is missing") });
    const fromEnv = parseArgs(["--base-url", "https://shop.example.no/api"], { WEBSHOP_API_TOKEN: "secret" });
    expect(fromEnv).toMatchObject({ ok: true, options: { token: "secret" } });
  });

  it("refuses a flag without a value, an unknown flag, a base URL that is not http(s), a bad timeout", () => {
    expect(parseArgs(["--base-url", "--token", "t"])).toMatchObject({
      message: expect.stringContaining("--base-url needs a value"),
    });
    expect(parseArgs(["--bse-url", "x"])).toMatchObject({
      message: expect.stringContaining("unknown argument --bse-url"),
    });
    expect(parseArgs(["--base-url", "shop.example.no", "--token", "t"])).toMatchObject({
      message: expect.stringContaining("not an http(s) URL"),
    });
    expect(parseArgs(["--base-url=https://s.no", "--token=t", "--timeout=0"])).toMatchObject({
      message: expect.stringContaining("--timeout"),
    });
  });

  it("reads every option, in both --flag value and --flag=value forms", () => {
    const parsed = parseArgs([
      "--base-url=https://shop.example.no/api",
      "--token",
      "abc=def",
      "--only",
      "feed, idempotency.replay",
      "--run-id",
      "ci-42",
      "--timeout",
      "5000",
      "--keep",
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        baseUrl: "https://shop.example.no/api",
        token: "abc=def",
        only: ["feed", "idempotency.replay"],
        runId: "ci-42",
        timeoutMs: 5000,
        keep: true,
      },
    });
    expect(parseArgs(["--help"])).toEqual({ ok: false, help: true, message: USAGE });
  });
});

// The real command over a real socket: `npm run conformance` is `node --import tsx test/conformance/cli.ts`.
describe("npm run conformance against a served reference webshop", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  async function serveShop(options: ReferenceWebshopOptions = {}): Promise<string> {
    const shop = createReferenceWebshop(options);
    return new Promise((resolve) => {
      const server = serve({ port: 0, hostname: "127.0.0.1", fetch: shop.fetch }, (info) => {
        closers.push(() => new Promise((done) => server.close(() => done())));
        resolve(`http://127.0.0.1:${info.port}/api`);
      });
    });
  }

  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "test/conformance/cli.ts", ...args],
        { env: { ...process.env, WEBSHOP_API_TOKEN: "" }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it("passes the reference shop: a PASS line per rule, a cleanup line, a summary, exit 0", async () => {
    const baseUrl = await serveShop();
    const { code, stdout } = await cli(["--base-url", baseUrl, "--token", "test-webshop-token", "--run-id", "cli"]);
    expect(stdout).toMatch(/^PASS feed\.resume-exact — /m);
    expect(stdout).not.toMatch(/^FAIL /m);
    expect(stdout).toMatch(/^cleanup: deleted the \d+ records the kit made \(tagged conformance-cli\)$/m);
    const n = RULES.length;
    expect(stdout).toContain(`PASSED: ${n} rules, ${n} passed, 0 failed (run conformance-cli)`);
    expect(code).toBe(0);
  }, 60_000);

  it("fails a broken shop: FAIL lines with what was expected and what came back, exit 1", async () => {
    const baseUrl = await serveShop({ quirks: { ignoreIfMatch: true } });
    const { code, stdout } = await cli(["--base-url", baseUrl, "--token", "test-webshop-token", "--only", "patch"]);
    expect(stdout).toMatch(/^FAIL patch\.if-match — expected: PATCH with If-Match 1 \(stale; now 2\): 412; got: 200 /m);
    expect(stdout).toMatch(/^PASS patch\.merge — /m);
    expect(stdout).toMatch(/^FAILED: 3 rules, 2 passed, 1 failed/m);
    expect(code).toBe(1);
  }, 60_000);

  it("exits 2 with the usage when --base-url or --token is missing", async () => {
    const { code, stderr } = await cli(["--base-url", "https://shop.example.no/api"]);
    expect(stderr).toContain("error: --token is missing");
    expect(stderr).toContain("Usage: npm run conformance");
    expect(code).toBe(2);
  }, 60_000);
});
