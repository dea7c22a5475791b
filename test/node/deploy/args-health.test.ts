import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { readArgs } from "../../../.ci/deploy/args";
import { checkHealth } from "../../../.ci/deploy/health";
import { summary } from "../../../.ci/deploy/summary";
import { verifyWidgetToken } from "../../../worker/http/api/widget-token";

describe("the deploy command's arguments", () => {
  it("reads the documented flags", () => {
    expect(readArgs(["--env", "production", "--dry-run", "--secrets", "prod.env", "--yes"])).toEqual({
      ok: true,
      args: { env: "production", dryRun: true, secrets: "prod.env", yes: true, help: false },
    });
    expect(readArgs([])).toEqual({ ok: true, args: { dryRun: false, yes: false, help: false } });
  });

  it("refuses an unknown environment or flag in a sentence", () => {
    expect(readArgs(["--env", "prod"])).toEqual({
      ok: false,
      problem: "--env must be staging or production (leave it out to deploy the top level).",
    });
    const unknown = readArgs(["--force"]);
    expect(!unknown.ok && unknown.problem).toMatch(/--force/);
  });
});

describe("the deployed /health", () => {
  it("is asked with a read-scope widget token the worker accepts; every problem in the details is collected", async () => {
    const secret = "s".repeat(40);
    let auth = "";
    const server = createServer((req, res) => {
      auth = req.headers.authorization ?? "";
      res.writeHead(503, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: false,
          version: "0.1.0",
          config: { ok: false, problems: ["ADMIN_ORIGINS entry x is not an origin"] },
          storage: {
            d1: { ok: false, problems: ["D1 schema is at 0005, expected 0006"] },
            kv: { ok: true, problems: [] },
          },
        }),
      );
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await checkHealth(url, secret, { attempts: 1 })).toEqual({
        reached: true,
        ok: false,
        version: "0.1.0",
        problems: ["ADMIN_ORIGINS entry x is not an origin", "D1 schema is at 0005, expected 0006"],
      });
      const check = await verifyWidgetToken(auth.replace(/^Bearer /, ""), secret, Date.now());
      expect(check.ok && check.claims.scope).toBe("read");
    } finally {
      server.close();
    }
  });

  it("a worker that does not answer is reported, not waited for forever", async () => {
    const health = await checkHealth("http://127.0.0.1:9", "s".repeat(40), { attempts: 2, delayMs: 10 });
    expect(health.reached).toBe(false);
    expect(summary("http://127.0.0.1:9", health, [])).toContain(
      "Not checked: http://127.0.0.1:9/health did not answer",
    );
  });

  it("without a workers.dev URL the summary says so and keeps the paths", () => {
    const text = summary(null, null, []);
    expect(text).toContain("wrangler printed no workers.dev URL");
    expect(text).toContain("https://<your worker's URL>/webhooks/webshop");
  });
});
