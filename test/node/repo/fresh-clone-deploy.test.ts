/**
 * A fresh clone deploys with nothing built by hand: wrangler runs the widget build ([build] in wrangler.toml) before it
 * checks [assets]. Checked on a copy of the tracked files only (no widget/dist), with `wrangler deploy --dry-run`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { copyTrackedFiles } from "./fresh-copy";

const copy = mkdtempSync(join(tmpdir(), "fresh-clone-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it("`wrangler deploy --dry-run` works on the tracked files alone, and builds the widget on the way", () => {
  copyTrackedFiles(copy);
  expect(existsSync(join(copy, "widget", "dist"))).toBe(false);
  execFileSync(join(copy, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", join(copy, "out")], {
    cwd: copy,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: "pipe",
  });
  expect(existsSync(join(copy, "widget", "dist", "widget.js"))).toBe(true);
}, 120_000);
