/**
 * A fresh clone deploys with nothing built by hand: wrangler runs the widget build ([build] in wrangler.toml) before it
 * checks [assets]. Checked on a copy of the tracked files only (no widget/dist), with `wrangler deploy --dry-run`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";

const root = resolve(".");
const copy = mkdtempSync(join(tmpdir(), "fresh-clone-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it("`wrangler deploy --dry-run` works on the tracked files alone, and builds the widget on the way", () => {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  expect(existsSync(join(copy, "widget", "dist"))).toBe(false);
  execFileSync(join(copy, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", join(copy, "out")], {
    cwd: copy,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: "pipe",
  });
  expect(existsSync(join(copy, "widget", "dist", "widget.js"))).toBe(true);
}, 120_000);
