// The worker's folders are layers: a file may import from its own folder or from a folder of a LOWER layer, never
// from one beside or above it, so a newcomer reads the tree top-down (README, "Layout"). Imports are read with
// TypeScript's own pre-processor, type-only imports included: a type pointing up is still a dependency pointing up.
// Own code rather than dependency-cruiser: its current version needs Node ≥ 22 and CI runs Node 20 (docs/libraries.md).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** Lowest first. `shared/` (code of worker and widget) sits below all of them. */
export const LAYERS = [
  ["core"], // the pure rules of sync
  ["engine", "store", "connectors", "contract", "messages"], // runs the core; keeps links; speaks each API; the contract; queue messages
  ["sides", "budgets", "webhooks", "status"], // the engine's two sides; subrequest budgets; shop webhooks; status facts
  ["wiring"], // configuration and the dependencies of one invocation, built from env
  ["jobs", "http"], // cron and queue consumer; every HTTP route
  ["index.ts"], // the Worker's three entry points
];

const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((folder) => [folder, i])));

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
/** Every import of `workerDir` that does not point down its layers, as a sentence naming the file. */
export function layerProblems(
  workerDir = resolve(import.meta.dirname, "../worker"),
  sharedDir = resolve(workerDir, "../shared"),
) {
  const folderOf = (path) => relative(workerDir, path).split("/")[0];
  const problems = [];
  for (const file of files(workerDir)) {
    const from = folderOf(file);
    if (!rank.has(from)) {
      problems.push(`worker/${from} is in no layer: add it to LAYERS in .ci/check-layers.mjs`);
      continue;
    }
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (!spec.startsWith(".")) continue; // packages and cloudflare: modules
      const target = resolve(dirname(file), spec);
      if (target.startsWith(sharedDir)) continue;
      const where = `worker/${relative(workerDir, file)}`;
      if (!target.startsWith(workerDir)) {
        problems.push(`${where} imports ${spec}, outside worker/ and shared/`);
        continue;
      }
      const to = folderOf(target.endsWith(".ts") ? target : `${target}.ts`);
      if (to === from) continue;
      if (!(rank.get(to) < rank.get(from))) {
        problems.push(
          `${where} imports worker/${to} (layer ${rank.get(to)}), not below worker/${from} (layer ${rank.get(from)})`,
        );
      }
    }
  }
  return [...new Set(problems)];
}

if (process.argv[1] === import.meta.filename) {
  const problems = layerProblems();
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exitCode = 1;
  else console.log("worker/ imports point only down its layers.");
}
