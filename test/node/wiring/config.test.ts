import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../../shared/version";
import { budgetFor } from "../../../worker/budgets/budget";
import { LATEST_MIGRATION } from "../../../worker/store/schema-version";
import { parseConfig } from "../../../worker/wiring/config";
import { TEST_VARS } from "../../test-vars";

describe("configuration", () => {
  it("parses a complete environment", () => {
    const result = parseConfig({ ...TEST_VARS, ADMIN_ORIGINS: "https://a.no, https://b.no" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.adminOrigins).toEqual(["https://a.no", "https://b.no"]);
    expect(result.config.conflictPolicy).toBe("newest-wins");
    expect(result.config.webshop.webhookSecrets).toHaveLength(1);
    expect(result.config.workersPlan).toBe("free");
  });

  it("sizes each invocation's budget by WORKERS_PLAN, and says what the values mean when it is wrong", () => {
    const paid = parseConfig({ ...TEST_VARS, WORKERS_PLAN: "paid" });
    expect(paid.ok && paid.config.workersPlan).toBe("paid");
    expect(budgetFor("paid")).toMatchObject({ limit: 900, hardLimit: 1000 });
    expect(budgetFor("free")).toMatchObject({ limit: 45, hardLimit: 50 });
    expect(parseConfig({ ...TEST_VARS, WORKERS_PLAN: "pro" })).toEqual({
      ok: false,
      problems: [
        'WORKERS_PLAN must be "free" (50 subrequests per invocation) or "paid" (Workers Paid: 1,000 D1 queries per invocation)',
      ],
    });
  });

  it("reads FIRST_SYNC: preview unless told immediate, and says what the values mean when it is wrong", () => {
    const { FIRST_SYNC: _set, ...unset } = TEST_VARS;
    const byDefault = parseConfig(unset);
    expect(byDefault.ok && byDefault.config.firstSync).toBe("preview");
    const immediate = parseConfig({ ...TEST_VARS, FIRST_SYNC: "immediate" });
    expect(immediate.ok && immediate.config.firstSync).toBe("immediate");
    expect(parseConfig({ ...TEST_VARS, FIRST_SYNC: "later" })).toEqual({
      ok: false,
      problems: [
        'FIRST_SYNC must be "preview" (read both systems and wait for "Start syncing" in the widget) or "immediate" (start the first sync at once)',
      ],
    });
  });

  it("reads ACTIVITY_RETENTION_DAYS: 180 unless set, whole days from 1 to 3650, and says so when it is wrong", () => {
    const { ACTIVITY_RETENTION_DAYS: _set, ...unset } = { ...TEST_VARS, ACTIVITY_RETENTION_DAYS: "1" };
    const byDefault = parseConfig(unset);
    expect(byDefault.ok && byDefault.config.activityRetentionDays).toBe(180);
    for (const [given, days] of [
      ["30", 30],
      [" 1 ", 1],
      ["3650", 3650],
      [365, 365],
    ] as const) {
      const parsed = parseConfig({ ...TEST_VARS, ACTIVITY_RETENTION_DAYS: given });
      expect(parsed.ok && parsed.config.activityRetentionDays).toBe(days);
    }
    for (const wrong of ["0", "3651", "90d", "1.5", "-7", "", "forever", 12.5]) {
      expect(parseConfig({ ...TEST_VARS, ACTIVITY_RETENTION_DAYS: wrong })).toEqual({
        ok: false,
        problems: ["ACTIVITY_RETENTION_DAYS must be a whole number of days from 1 to 3650"],
      });
    }
  });

  it("lists every problem, one sentence each, naming the variable", () => {
    const result = parseConfig({
      ...TEST_VARS,
      POWEROFFICE_BASE_URL: "goapi.poweroffice.net",
      WEBSHOP_API_TOKEN: "  ",
      WIDGET_TOKEN_SECRET: "short",
      ADMIN_ORIGINS: "https://admin.no/path",
      CONFLICT_POLICY: "random",
      POWEROFFICE_SUBSCRIPTION_KEY: undefined,
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        "POWEROFFICE_BASE_URL is not a URL: it should look like https://goapi.poweroffice.net/Demo/v2",
        "POWEROFFICE_SUBSCRIPTION_KEY is missing: set it to your developer-portal subscription key",
        "WEBSHOP_API_TOKEN is empty: set it to the bearer token your webshop API accepts",
        "WIDGET_TOKEN_SECRET is too short: use at least 32 random characters (openssl rand -hex 32)",
        'ADMIN_ORIGINS entry "https://admin.no/path" is not an origin: list origins like https://admin.example.no (scheme and host, no path), comma-separated',
        "CONFLICT_POLICY must be one of newest-wins, poweroffice-wins, webshop-wins, manual",
      ],
    });
  });

  it("accepts ADMIN_ORIGINS entries that are https origins, or http on this machine, normalised to origin form", () => {
    const result = parseConfig({
      ...TEST_VARS,
      ADMIN_ORIGINS:
        "https://Admin.Shop.no/, https://shop.no:8443 http://localhost:5173,http://127.0.0.1:8080 http://[::1]",
    });
    expect(result.ok && result.config.adminOrigins).toEqual([
      "https://admin.shop.no",
      "https://shop.no:8443",
      "http://localhost:5173",
      "http://127.0.0.1:8080",
      "http://[::1]",
    ]);
  });

  it("refuses an ADMIN_ORIGINS entry that could never match or is not private, in one sentence naming it", () => {
    const problem = (value: string) => {
      const result = parseConfig({ ...TEST_VARS, ADMIN_ORIGINS: `https://ok.no, ${value}` });
      return result.ok ? "accepted" : result.problems;
    };
    for (const wildcard of ["https://*.shop.no", "*", "https://admin.*"]) {
      expect(problem(wildcard)).toEqual([
        `ADMIN_ORIGINS entry "${wildcard}" holds a wildcard, which the worker does not support: list each admin origin in full, like https://admin.example.no`,
      ]);
    }
    expect(problem("http://admin.shop.no")).toEqual([
      'ADMIN_ORIGINS entry "http://admin.shop.no" is plain http: use https://admin.shop.no (http is accepted only for localhost, 127.0.0.1 and [::1])',
    ]);
    for (const bad of ["admin.shop.no", "https://admin.shop.no/widget", "ftp://admin.shop.no", "https://u@shop.no"]) {
      expect(problem(bad)).toEqual([
        `ADMIN_ORIGINS entry "${bad}" is not an origin: list origins like https://admin.example.no (scheme and host, no path), comma-separated`,
      ]);
    }
  });

  it("names variables that are absent altogether (as on a fresh deploy)", () => {
    const { WEBSHOP_BASE_URL: _omitted, ...rest } = TEST_VARS;
    expect(parseConfig(rest)).toEqual({
      ok: false,
      problems: ["WEBSHOP_BASE_URL is missing: set it to an http(s) URL such as https://shop.example.no/api/sync"],
    });
  });

  it("accepts two webhook secrets during rotation, not three, and not short ones", () => {
    const secret = TEST_VARS.WEBSHOP_WEBHOOK_SECRET;
    expect(parseConfig({ ...TEST_VARS, WEBSHOP_WEBHOOK_SECRET: `${secret} ${secret}` }).ok).toBe(true);
    expect(parseConfig({ ...TEST_VARS, WEBSHOP_WEBHOOK_SECRET: `${secret} ${secret} ${secret}` })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/more than two secrets/)],
    });
    expect(parseConfig({ ...TEST_VARS, WEBSHOP_WEBHOOK_SECRET: `whsec_${btoa("too short")}` }).ok).toBe(false);
  });

  it("keeps the version and the expected migration current", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
    const migrations = readdirSync("worker/migrations")
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(LATEST_MIGRATION).toBe(migrations.at(-1));
  });
});
