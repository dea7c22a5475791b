/**
 * From a fresh clone (the tracked files only), `npm run deploy -- --dry-run` runs with the real npm and the real
 * wrangler and no Cloudflare login: it refuses until the secrets file exists, then prints the complete plan.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { copyTrackedFiles, fillSecretsExample, noLoginEnv } from "../repo/fresh-copy";

const scratch = mkdtempSync(join(tmpdir(), "fresh-clone-deploy-"));
const copy = join(scratch, "clone");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function npmDeploy(args: string[]) {
  return spawnSync("npm", ["run", "--silent", "deploy", "--", ...args], {
    cwd: copy,
    env: noLoginEnv(scratch),
    encoding: "utf8",
  });
}

it("refuses without a secrets file, then prints the complete plan for an empty account", () => {
  copyTrackedFiles(copy);

  const refused = npmDeploy(["--dry-run"]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("- .secrets.env does not exist: copy secrets.example.env to .secrets.env");

  const example = readFileSync(join(copy, "secrets.example.env"), "utf8");
  const filled = fillSecretsExample(example);
  writeFileSync(join(copy, ".secrets.env"), filled);

  const planned = npmDeploy(["--dry-run"]);
  expect(planned.stderr).toBe("");
  expect(planned.status).toBe(0);
  // Every queue of the top level (the work queue; its dead-letter queue where wrangler.toml names one).
  expect(planned.stdout).toMatch(/The plan \(\d+ steps\)/);
  expect(planned.stdout).toContain("wrangler queues create poweroffice-sync-work\n");
  expect(planned.stdout).toContain("wrangler d1 create poweroffice-sync\n");
  expect(planned.stdout).toContain(
    "wrangler d1 migrations apply DB --remote --config .wrangler/deploy/wrangler.json\n",
  );
  expect(planned.stdout).toContain(
    "wrangler deploy --config .wrangler/deploy/wrangler.json --secrets-file .wrangler/deploy/secrets.json\n",
  );
  expect(planned.stdout).toContain("Dry run: nothing was changed.");
  // The clone is as it was: nothing generated, nothing written next to the tracked files.
  expect(existsSync(join(copy, ".wrangler", "deploy"))).toBe(false);
}, 180_000);
