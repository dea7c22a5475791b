/**
 * wrangler.toml's environments as wrangler itself reads them, and the generated config the deploy uses, run through
 * the real wrangler (no account needed: --dry-run and --local).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { generatedConfig } from "../../../.ci/deploy/generated-config";
import { GENERATED_FOLDER, readProject } from "../../../.ci/deploy/target";
import { readPendingMigrations } from "../../../.ci/deploy/wrangler-facts";

const root = resolve(".");
const scratch = mkdtempSync(join(tmpdir(), "deploy-env-"));
const generated = `${GENERATED_FOLDER}/test-${process.pid}.json`;
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(join(root, generated), { force: true });
});
const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  HOME: scratch,
};

describe("wrangler.toml's environments", () => {
  it.each([
    [undefined, ""],
    ["staging", "-staging"],
    ["production", "-production"],
  ] as const)("%s: its own Worker, D1, work queue and dead-letter queue, named as agreed", (env, suffix) => {
    const { target } = readProject(root, env, undefined);
    expect(target.worker).toBe(`poweroffice-webshop-sync${suffix}`);
    expect(target.database).toEqual({ binding: "DB", name: `poweroffice-sync${suffix}` });
    expect(target.queues).toContainEqual({ name: `poweroffice-sync-work${suffix}`, dead: false });
    expect(target.migrations[0]).toBe("0001_init.sql");
  });

  it("staging and production each have the dead-letter queue, KV with no id, the cron and Workers Logs", () => {
    for (const env of ["staging", "production"] as const) {
      const config = unstable_readConfig({ config: "wrangler.toml", env }, { hideWarnings: true });
      const consumers: { queue: string; dead_letter_queue?: string }[] = config.queues.consumers ?? [];
      const work = consumers.find((c) => c.queue === `poweroffice-sync-work-${env}`);
      expect(work?.dead_letter_queue).toBe(`poweroffice-sync-dead-${env}`);
      expect(consumers.map((c) => c.queue)).toContain(`poweroffice-sync-dead-${env}`);
      expect(config.kv_namespaces).toEqual([{ binding: "CACHE" }]);
      expect(config.d1_databases[0]?.database_id).toBeUndefined();
      expect(config.triggers.crons).toEqual(["* * * * *"]);
      expect(config.observability?.enabled).toBe(true);
    }
  });

  it("staging talks to PowerOffice's demo, production to the real books; the top level holds no placeholder ids", () => {
    const vars = (env?: "staging" | "production") => readProject(root, env, undefined).vars;
    expect(vars("staging").POWEROFFICE_BASE_URL).toBe("https://goapi.poweroffice.net/Demo/v2");
    expect(vars("staging").POWEROFFICE_TOKEN_URL).toBe("https://goapi.poweroffice.net/Demo/OAuth/Token");
    expect(vars("production").POWEROFFICE_BASE_URL).toBe("https://goapi.poweroffice.net/v2");
    expect(vars("production").POWEROFFICE_TOKEN_URL).toBe("https://goapi.poweroffice.net/OAuth/Token");
    expect(readFileSync("wrangler.toml", "utf8")).not.toMatch(/^\s*(database_)?id\s*=/m);
  });

  it("the generated config, with the account's D1 id and the file's vars, deploys (dry run) and finds every migration", () => {
    const project = readProject(root, "staging", undefined);
    const config = generatedConfig(project.raw, {
      env: "staging",
      binding: "DB",
      databaseId: "a3c1e5f7-2b4d-4e6f-8a0c-1e3f5a7b9c2d",
      vars: { ADMIN_ORIGINS: "https://admin.fjordbris.no" },
      folder: GENERATED_FOLDER,
    });
    mkdirSync(join(root, GENERATED_FOLDER), { recursive: true });
    writeFileSync(join(root, generated), JSON.stringify(config, null, 2));

    const deploy = execFileSync(
      "node_modules/.bin/wrangler",
      ["deploy", "--dry-run", "--config", generated, "--env", "staging", "--outdir", join(scratch, "out")],
      { cwd: root, env: WRANGLER_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(deploy).toContain('env.ADMIN_ORIGINS ("https://admin.fjordbris.no")');
    expect(deploy).toContain("env.DB (poweroffice-sync-staging)");
    expect(deploy).toContain("--dry-run: exiting now.");

    const listed = execFileSync(
      "node_modules/.bin/wrangler",
      ["d1", "migrations", "list", "DB", "--local", "--config", generated, "--env", "staging", "--persist-to", scratch],
      { cwd: root, env: WRANGLER_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(readPendingMigrations({ stdout: listed, stderr: "", code: 0 })).toEqual({
      ok: true,
      value: project.target.migrations,
    });
    // The tracked file is untouched: no ids in it.
    expect(readFileSync("wrangler.toml", "utf8")).not.toContain("a3c1e5f7");
  }, 120_000);
});
