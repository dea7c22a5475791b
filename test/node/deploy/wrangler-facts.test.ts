import { describe, expect, it } from "vitest";
import {
  isNotLoggedIn,
  readCreatedDatabaseId,
  readDatabases,
  readDeployedUrl,
  readPendingMigrations,
  readQueues,
  readWhoami,
  wranglerError,
} from "../../../.ci/deploy/wrangler-facts";
import * as r from "./recordings";

describe("reading wrangler 4.86's answers", () => {
  it("whoami --json: logged out, logged in with its accounts, and an answer it cannot read", () => {
    expect(readWhoami(r.whoamiLoggedOut)).toEqual({ ok: true, value: { loggedIn: false } });
    const who = readWhoami(r.whoamiLoggedIn());
    expect(who).toEqual({
      ok: true,
      value: { loggedIn: true, authType: "OAuth Token", email: "eier@fjordbris.no", accounts: [r.ACCOUNT] },
    });
    expect(readWhoami({ stdout: "", stderr: "boom", code: 1 })).toMatchObject({ ok: false });
  });

  it("d1 list --json: names and ids; a failure is wrangler's message", () => {
    const listed = readDatabases(r.d1List([{ name: "poweroffice-sync-staging", uuid: r.DATABASE_ID }]));
    expect(listed).toEqual({ ok: true, value: [{ name: "poweroffice-sync-staging", id: r.DATABASE_ID }] });
    expect(readDatabases(r.d1List([]))).toEqual({ ok: true, value: [] });
    const noted = r.d1List([{ name: "a", uuid: "b" }]);
    noted.stdout = `[custom build] a line before the list\n${noted.stdout}`;
    expect(readDatabases(noted)).toEqual({ ok: true, value: [{ name: "a", id: "b" }] });
    const failed = readDatabases(r.notLoggedIn);
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.problem).toMatch(
      /^In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN/,
    );
  });

  it("queues list: every queue's name from the table, exactly; none on an empty account", () => {
    const names = ["poweroffice-sync-work", "poweroffice-sync-work-staging", "someone-elses-queue"];
    expect(readQueues(r.queuesList(names.map((name) => ({ name }))))).toEqual({ ok: true, value: names });
    expect(readQueues(r.queuesList([]))).toEqual({ ok: true, value: [] });
    expect(readQueues({ stdout: "│ id │ queue │\n│ 1 │ q │\n", stderr: "", code: 0 }).ok).toBe(false);
    expect(readQueues(r.notLoggedIn).ok).toBe(false);
  });

  it("d1 migrations list --remote: the pending file names in order, or none", () => {
    const names = ["0005_activity_actor.sql", "0006_link_search.sql"];
    expect(readPendingMigrations(r.migrationsPending(names))).toEqual({ ok: true, value: names });
    expect(readPendingMigrations(r.migrationsNone)).toEqual({ ok: true, value: [] });
    expect(readPendingMigrations({ stdout: "something else", stderr: "", code: 0 }).ok).toBe(false);
  });

  it("d1 create: the new database's id from the TOML or JSON snippet", () => {
    expect(readCreatedDatabaseId(r.d1Created("poweroffice-sync"))).toEqual({ ok: true, value: r.DATABASE_ID });
    const json = {
      stdout: `{"d1_databases":[{"binding":"DB","database_id": "${r.DATABASE_ID}"}]}`,
      stderr: "",
      code: 0,
    };
    expect(readCreatedDatabaseId(json)).toEqual({ ok: true, value: r.DATABASE_ID });
    expect(readCreatedDatabaseId({ stdout: "✅ Successfully created DB", stderr: "", code: 0 }).ok).toBe(false);
  });

  it("deploy: the workers.dev URL among the targets, none when workers.dev is off", () => {
    const url = "https://poweroffice-webshop-sync.fjordbris.workers.dev";
    expect(readDeployedUrl(r.deployed("poweroffice-webshop-sync", url, ["q", "d"]))).toEqual({ ok: true, value: url });
    const routesOnly = {
      stdout:
        "Uploaded w (1.00 sec)\nDeployed w triggers (0.50 sec)\n  sync.fjordbris.no/* (zone name: fjordbris.no)\n  schedule: * * * * *\nCurrent Version ID: x\n",
      stderr: "",
      code: 0,
    };
    expect(readDeployedUrl(routesOnly)).toEqual({ ok: true, value: null });
  });

  it("wrangler's error: the message without colours or the log-file note; logged out is recognised", () => {
    expect(wranglerError(r.queueCreateFailed)).toBe(
      "A request to the Cloudflare API (/accounts/4f6c2b9e0d1a4c3b8e7f6a5b4c3d2e1f/queues) failed. You have reached the maximum number of queues for your account [code: 11009]",
    );
    expect(isNotLoggedIn(r.notLoggedIn)).toBe(true);
    expect(isNotLoggedIn(r.queueCreateFailed)).toBe(false);
  });
});
