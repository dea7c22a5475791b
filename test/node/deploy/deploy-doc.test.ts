/**
 * docs/deploy.md's commands work as written. Every command of its `sh` blocks is either run here, in a fresh copy of
 * the tracked files with no Cloudflare login, or named below with why it cannot be (it needs an account or a
 * placeholder of the reader's). A command added to the page and named nowhere fails this test.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReferenceWebshop, DEFAULT_API_TOKEN } from "../../sim/webshop";
import { copyTrackedFiles, fillSecretsExample, noLoginEnv, REPO_ROOT } from "../repo/fresh-copy";

const DOC = readFileSync(join(REPO_ROOT, "docs/deploy.md"), "utf8");

/** The commands of every ```sh block, one per line, without comments. */
function docCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^\s*```sh\n([\s\S]*?)^\s*```/gm)].map((m) => m[1] ?? "");
  return blocks.flatMap((block) =>
    block
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
}

/** Commands this test does not run, and why. */
const NOT_RUN: Record<string, string> = {
  "git clone https://github.com/<you>/poweroffice-webshop-sync.git":
    "the reader's fork; the test starts from the same tree, a copy of the tracked files",
  "npm ci": "CI runs exactly this on its clean checkout before the tests; the copy links that node_modules",
  "npx wrangler login": "opens a browser to sign in to a Cloudflare account",
  "curl -s https://poweroffice-webshop-sync-staging.<your subdomain>.workers.dev/health":
    "needs the deployed worker; the same request to the worker is test/workerd/http/health.test.ts",
};

const scratch = mkdtempSync(join(tmpdir(), "deploy-doc-"));
const copy = join(scratch, "poweroffice-webshop-sync");
let shopUrl = "";
let closeShop = () => {};

beforeAll(async () => {
  copyTrackedFiles(copy);
  const shop = createReferenceWebshop();
  await new Promise<void>((ready) => {
    const server = serve({ port: 0, hostname: "127.0.0.1", fetch: shop.fetch }, (info: AddressInfo) => {
      shopUrl = `http://127.0.0.1:${info.port}/api`;
      ready();
    });
    closeShop = () => server.close();
  });
});
afterAll(() => {
  closeShop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A command line as a shell would run it in the copy: no Cloudflare login, nothing of this machine's account.
 * Asynchronous, so the reference webshop served by this process answers the conformance kit meanwhile.
 */
function run(command: string): Promise<Ran> {
  const env = noLoginEnv(scratch);
  return new Promise((resolve) => {
    execFile("sh", ["-c", command], { cwd: copy, env, encoding: "utf8", timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("docs/deploy.md", () => {
  const commands = docCommands(DOC);

  it("has its commands in sh blocks, each run below or named with why it is not", () => {
    expect(commands.length).toBeGreaterThan(8);
    const ran = new Set(RUN.map(([command]) => command));
    const unaccounted = commands.filter((command) => !ran.has(command) && !(command in NOT_RUN));
    expect(unaccounted).toEqual([]);
    // Nothing listed here that the page no longer has.
    expect([...ran, ...Object.keys(NOT_RUN)].filter((command) => !commands.includes(command))).toEqual([]);
  });

  // In the page's order: each check sees the copy as the commands before it left it.
  const RUN: [string, (result: Ran) => void][] = [
    ["cd poweroffice-webshop-sync", (r) => expect(r.status).toBe(0)],
    [
      "npx wrangler deploy --dry-run",
      (r) => {
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout + r.stderr).toContain("--dry-run: exiting now.");
        expect(existsSync(join(copy, "widget", "dist", "widget.js"))).toBe(true);
      },
    ],
    [
      "npm run conformance -- --base-url https://staging.shop.example.no/api/sync --token <the shop's API token>",
      (r) => {
        expect(r.stdout).toMatch(/^PASSED: \d+ rules, \d+ passed, 0 failed/m);
        expect(r.status).toBe(0);
      },
    ],
    [
      "cp secrets.example.env .secrets.staging.env",
      (r) => {
        expect(r.status).toBe(0);
        // What the reader does next: fill in every value.
        const file = join(copy, ".secrets.staging.env");
        writeFileSync(file, fillSecretsExample(readFileSync(file, "utf8")));
      },
    ],
    [
      "npm run deploy -- --env staging --dry-run",
      (r) => {
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain("wrangler queues create poweroffice-sync-work-staging");
        expect(r.stdout).toContain("wrangler queues create poweroffice-sync-dead-staging");
        expect(r.stdout).toContain("wrangler d1 create poweroffice-sync-staging");
        expect(r.stdout).toMatch(/wrangler d1 migrations apply DB --remote .*--env staging/);
        expect(r.stdout).toMatch(/wrangler deploy .*--env staging --secrets-file/);
        expect(r.stdout).toContain("Dry run: nothing was changed.");
      },
    ],
    [
      "npm run deploy -- --env staging",
      (r) => {
        // Without an account it stops before changing anything, and says how to log in.
        expect(r.status).not.toBe(0);
        expect(r.stdout + r.stderr).toContain("npx wrangler login");
        expect(existsSync(join(copy, ".wrangler", "deploy", "secrets.staging.json"))).toBe(false);
      },
    ],
    [
      "cp secrets.example.env .secrets.production.env",
      (r) => {
        expect(r.status).toBe(0);
        const file = join(copy, ".secrets.production.env");
        writeFileSync(file, fillSecretsExample(readFileSync(file, "utf8")));
      },
    ],
    [
      "npm run deploy -- --env production --dry-run",
      (r) => {
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toContain("wrangler d1 create poweroffice-sync-production");
        expect(r.stdout).toMatch(/wrangler deploy .*--env production/);
      },
    ],
    [
      "npm run deploy -- --env production",
      (r) => {
        expect(r.status).not.toBe(0);
        expect(r.stdout + r.stderr).toContain("npx wrangler login");
      },
    ],
  ];

  it("runs every command that needs no account, in order, as written", async () => {
    for (const [command, check] of RUN) {
      if (command.startsWith("cd ")) continue; // the copy is the folder the clone made
      const line = command.startsWith("npm run conformance")
        ? `npm run conformance -- --base-url ${shopUrl} --token ${DEFAULT_API_TOKEN}`
        : command;
      check(await run(line));
    }
  }, 900_000);
});
