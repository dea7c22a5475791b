import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSecretsFile } from "../../../.ci/deploy/secrets-file";

const vars = {
  POWEROFFICE_BASE_URL: "https://goapi.poweroffice.net/Demo/v2",
  POWEROFFICE_TOKEN_URL: "https://goapi.poweroffice.net/Demo/OAuth/Token",
  ADMIN_ORIGINS: "",
  CONFLICT_POLICY: "newest-wins",
  WORKERS_PLAN: "free",
};
const exampleNames = [...readFileSync("secrets.example.env", "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map(
  (m) => m[1]!,
);
const rules = { file: ".secrets.staging.env", vars, names: new Set([...exampleNames, ...Object.keys(vars)]) };

const good = [
  "POWEROFFICE_APPLICATION_KEY=6f1d2c3b-4a5e-4f60-9a7b-8c9d0e1f2a3b",
  "POWEROFFICE_CLIENT_KEY=client-key-from-settings-extensions",
  "POWEROFFICE_SUBSCRIPTION_KEY=portal-subscription-key",
  "WEBSHOP_BASE_URL=https://shop.fjordbris.no/api/sync",
  'WEBSHOP_API_TOKEN="a-long-random-shop-token"',
  `WEBSHOP_WEBHOOK_SECRET=whsec_${Buffer.alloc(32, 7).toString("base64")}`,
  `WIDGET_TOKEN_SECRET=${"f".repeat(64)}`,
  "ADMIN_ORIGINS=https://admin.fjordbris.no",
  "WORKERS_PLAN=paid",
].join("\n");

describe("the secrets file", () => {
  it("secrets.example.env names every secret of .dev.vars.example, and ADMIN_ORIGINS and WORKERS_PLAN: ten values", () => {
    const devVars = [...readFileSync(".dev.vars.example", "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    expect(exampleNames.sort()).toEqual([...devVars, "ADMIN_ORIGINS", "WORKERS_PLAN"].sort());
    expect(exampleNames).toHaveLength(10);
  });

  it("a good file: [vars] names replace the vars, the rest are the secrets; quotes and comments are handled", () => {
    const check = checkSecretsFile(`# mine\n\n${good}\n`, rules);
    expect(check).toEqual({
      ok: true,
      vars: { ADMIN_ORIGINS: "https://admin.fjordbris.no", WORKERS_PLAN: "paid" },
      secrets: expect.objectContaining({ WEBSHOP_API_TOKEN: "a-long-random-shop-token" }),
      notes: [],
    });
    expect(check.ok && Object.keys(check.secrets).sort()).toEqual([
      "POWEROFFICE_APPLICATION_KEY",
      "POWEROFFICE_CLIENT_KEY",
      "POWEROFFICE_SUBSCRIPTION_KEY",
      "WEBSHOP_API_TOKEN",
      "WEBSHOP_BASE_URL",
      "WEBSHOP_WEBHOOK_SECRET",
      "WIDGET_TOKEN_SECRET",
    ]);
  });

  it("POWEROFFICE_CLIENT_KEY and CREDENTIALS_KEY are optional: an empty one is not uploaded, and a note says what then", () => {
    const widget = checkSecretsFile(
      good.replace(
        /POWEROFFICE_CLIENT_KEY=.*/,
        `POWEROFFICE_CLIENT_KEY=\nCREDENTIALS_KEY=${Buffer.alloc(32, 3).toString("base64")}`,
      ),
      rules,
    );
    expect(widget.ok && Object.keys(widget.secrets)).toContain("CREDENTIALS_KEY");
    expect(widget.ok && Object.keys(widget.secrets)).not.toContain("POWEROFFICE_CLIENT_KEY");
    expect(widget.ok && widget.notes).toEqual([expect.stringMatching(/connect PowerOffice from the widget/)]);
    const neither = checkSecretsFile(good.replace(/POWEROFFICE_CLIENT_KEY=.*/, "POWEROFFICE_CLIENT_KEY="), rules);
    expect(neither.ok && neither.notes).toEqual([
      expect.stringMatching(/^Neither POWEROFFICE_CLIENT_KEY nor CREDENTIALS_KEY is set/),
    ]);
    const short = checkSecretsFile(`${good}\nCREDENTIALS_KEY=${Buffer.alloc(16).toString("base64")}`, rules);
    expect(!short.ok && short.problems).toEqual([
      "CREDENTIALS_KEY is malformed: it should be base64 of 32 random bytes (openssl rand -base64 32).",
    ]);
  });

  it("the example as it is (nothing filled in) is refused, naming each missing value and its shape", () => {
    const check = checkSecretsFile(readFileSync("secrets.example.env", "utf8"), rules);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems).toEqual([
      "POWEROFFICE_APPLICATION_KEY is empty: set it to the application key PowerOffice issued.",
      "POWEROFFICE_SUBSCRIPTION_KEY is empty: set it to your developer-portal subscription key.",
      "WEBSHOP_BASE_URL is empty: set it to an http(s) URL such as https://shop.example.no/api/sync.",
      "WEBSHOP_API_TOKEN is empty: set it to the bearer token your webshop API accepts.",
      "WEBSHOP_WEBHOOK_SECRET is empty: set it to whsec_ followed by base64 of at least 24 random bytes (two, space-separated, while rotating).",
      "WIDGET_TOKEN_SECRET is empty: set it to a random string of at least 32 characters.",
    ]);
  });

  it("malformed values, unknown names, repeated names and lines that are not NAME=value: one sentence each", () => {
    const text = good
      .replace(/WIDGET_TOKEN_SECRET=.*/, "WIDGET_TOKEN_SECRET=short")
      .replace(/WEBSHOP_WEBHOOK_SECRET=.*/, "WEBSHOP_WEBHOOK_SECRET=not-a-whsec")
      .replace(/ADMIN_ORIGINS=.*/, "ADMIN_ORIGINS=https://*.fjordbris.no")
      .concat("\nWEBSHOP_API_TOKN=typo\nWORKERS_PLAN=free\nthis is not a setting\n");
    const check = checkSecretsFile(text, rules);
    expect(!check.ok && check.problems).toEqual([
      ".secrets.staging.env sets WORKERS_PLAN twice (lines 9 and 11): keep one.",
      "Line 12 of .secrets.staging.env is not NAME=value: write one setting a line, like WORKERS_PLAN=free.",
      ".secrets.staging.env sets WEBSHOP_API_TOKN, which the worker does not read: remove it or correct its name (secrets.example.env lists every name).",
      "WEBSHOP_WEBHOOK_SECRET is malformed: it should be whsec_ followed by base64 of at least 24 random bytes (two, space-separated, while rotating).",
      "WIDGET_TOKEN_SECRET is too short: use at least 32 random characters (openssl rand -hex 32).",
      'ADMIN_ORIGINS entry "https://*.fjordbris.no" holds a wildcard, which the worker does not support: list each admin origin in full, like https://admin.example.no.',
    ]);
  });

  it("git ignores the secrets files and the generated files, and tracks the example", () => {
    const ignored = (path: string) => {
      try {
        execFileSync("git", ["check-ignore", "-q", path]);
        return true;
      } catch {
        return false;
      }
    };
    for (const path of [
      ".secrets.env",
      ".secrets.staging.env",
      ".secrets.production.env",
      ".wrangler/deploy/wrangler.staging.json",
      ".wrangler/deploy/secrets.staging.json",
    ]) {
      expect(ignored(path), path).toBe(true);
    }
    expect(ignored("secrets.example.env")).toBe(false);
    expect(execFileSync("git", ["ls-files", "secrets.example.env"], { encoding: "utf8" }).trim()).toBe(
      "secrets.example.env",
    );
  });

  it("a missing file says how to make it; an empty ADMIN_ORIGINS is accepted with a note", () => {
    const missing = checkSecretsFile(null, rules);
    expect(!missing.ok && missing.problems).toEqual([
      ".secrets.staging.env does not exist: copy secrets.example.env to .secrets.staging.env and fill in every value (it is git-ignored; never commit it).",
    ]);
    const noOrigins = checkSecretsFile(good.replace(/ADMIN_ORIGINS=.*/, "ADMIN_ORIGINS="), rules);
    expect(noOrigins.ok && noOrigins.notes[0]).toMatch(
      /^ADMIN_ORIGINS is empty in \.secrets\.staging\.env: the widget's API answers no admin page/,
    );
  });
});
