/** Small files whose names explain them: no file of the worker grows past 300 lines (issue "the house"). */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./fresh-copy";

const MAX_LINES = 300;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

it(`no worker/ file is over ${MAX_LINES} lines`, () => {
  const worker = join(REPO_ROOT, "worker");
  const long = files(worker)
    .map((path) => ({ path: relative(REPO_ROOT, path), lines: readFileSync(path, "utf8").split("\n").length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ path, lines }) => `${path}: ${lines} lines; split it by what its parts do`);
  expect(long).toEqual([]);
});
