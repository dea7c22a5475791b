/**
 * An empty project outside the repo that installs the packed kit and an example's dependencies with
 * `npm install --offline`, from the npm cache the root `npm ci` filled. `npm ci` caches tarballs but not the
 * registry's package documents a plain install resolves version ranges with, so the project gets a lockfile cut out
 * of the root lockfile: the same versions, `resolved` and `integrity`, which npm then finds in the cache.
 */

import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

export interface PackedKit {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  integrity: string;
  dependencies: Record<string, string>;
}

/**
 * Packs the kit into `destination`, as a shop's `npm install` receives it; `npm pack` runs the kit's `prepack`, which
 * is `npm run build` (tsc → dist/ with the .d.ts files).
 */
export async function buildAndPackKit(kitDir: string, destination: string): Promise<PackedKit> {
  const { stdout } = await npm(["pack", "--json", "--pack-destination", destination], kitDir);
  const [packed] = JSON.parse(stdout) as { name: string; version: string; filename: string; integrity: string }[];
  if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
  const manifest = JSON.parse(await readFile(join(kitDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return {
    name: packed.name,
    version: packed.version,
    tarball: join(destination, packed.filename),
    integrity: packed.integrity,
    dependencies: manifest.dependencies ?? {},
  };
}

/**
 * Writes `dir/package.json` (the example's, with the kit taken from the tarball) and a lockfile taken from the root
 * one, then installs offline. `extra` names packages to install as devDependencies, at the root's versions (e.g. types to check the example).
 */
export async function installOffline(
  dir: string,
  example: { name: string; dependencies: Record<string, string>; [field: string]: unknown },
  kit: PackedKit,
  rootLockPath: string,
  extra: string[] = [],
): Promise<void> {
  const rootLock = JSON.parse(await readFile(rootLockPath, "utf8")) as Lockfile;
  const kitSpec = `file:${kit.tarball}`;
  const dependencies: Record<string, string> = {};
  for (const [name, range] of Object.entries(example.dependencies)) {
    dependencies[name] = name === kit.name ? kitSpec : range;
  }
  const devDependencies = Object.fromEntries(extra.map((name) => [name, versionOf(rootLock, name)]));
  const manifest = { ...example, dependencies, devDependencies };
  const wanted = [...Object.keys(dependencies).filter((name) => name !== kit.name), ...extra];
  const packages = treeFrom(rootLock, wanted, kit);
  packages[""] = { name: example.name, dependencies, devDependencies };
  packages[`node_modules/${kit.name}`] = {
    version: kit.version,
    resolved: kitSpec,
    integrity: kit.integrity,
    dependencies: kit.dependencies,
  };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const lock = { name: example.name, lockfileVersion: 3, requires: true, packages };
  await writeFile(join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  await npm(["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], dir);
}

function versionOf(lock: Lockfile, name: string): string {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in the root package-lock.json: add it to the root devDependencies`);
  return version;
}

/** The root lockfile's entries that the named packages (and the kit's dependencies) need, at the same paths. */
function treeFrom(lock: Lockfile, names: string[], kit: PackedKit): Record<string, LockEntry> {
  const picked: Record<string, LockEntry> = {};
  const queue: { from: string; name: string; optional: boolean }[] = [
    ...names.map((name) => ({ from: "", name, optional: false })),
    ...Object.keys(kit.dependencies).map((name) => ({ from: "", name, optional: false })),
  ];
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift()!;
    const path = resolve(lock, from, name);
    if (!path) {
      if (optional) continue;
      throw new Error(`${name} (needed by ${from || "the project"}) is not in the root package-lock.json`);
    }
    if (picked[path]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[path]!;
    picked[path] = { ...entry, resolved: entry.resolved ?? tarballUrl(name, entry.version!) };
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push({ from: path, name: dep, optional: false });
    for (const dep of Object.keys(entry.optionalDependencies ?? {}))
      queue.push({ from: path, name: dep, optional: true });
    for (const dep of Object.keys(entry.peerDependencies ?? {})) {
      queue.push({ from: path, name: dep, optional: optionalPeers[dep]?.optional === true });
    }
  }
  return picked;
}

/**
 * Where the registry serves a version's tarball. The root lockfile may leave `resolved` out
 * (omit-lockfile-registry-resolved), and without it npm asks the registry for the package document, which an
 * offline install cannot; with it and the integrity, npm takes the tarball from the cache.
 */
function tarballUrl(name: string, version: string): string {
  const registry = (process.env.npm_config_registry ?? "https://registry.npmjs.org/").replace(/\/?$/, "/");
  return `${registry}${name}/-/${name.split("/").pop()}-${version}.tgz`;
}

/** Node's lookup: the nearest node_modules/<name> from `from` up to the project's own. */
function resolve(lock: Lockfile, from: string, name: string): string | null {
  const levels = from === "" ? [] : from.replace(/^node_modules\//, "").split("/node_modules/");
  for (let depth = levels.length; depth >= 0; depth--) {
    const base = levels.slice(0, depth).map((level) => `node_modules/${level}/`);
    const path = `${base.join("")}node_modules/${name}`;
    if (lock.packages[path]) return path;
  }
  return null;
}

/** Runs npm; a failure's message carries npm's output too (tsc, run by the kit's prepack, reports on stdout). */
async function npm(args: string[], cwd: string) {
  try {
    return await run("npm", args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}
