/**
 * The generated wrangler config for one deploy: wrangler.toml as wrangler read it, with this account's D1 id and the
 * secrets file's [vars] written into the environment being deployed, as JSON under .wrangler/deploy/ (git-ignored).
 * Why not wrangler.toml itself: it is the same file for every account and stays free of ids (a fresh clone runs
 * `wrangler dev` as it is), `wrangler d1 migrations apply --remote` needs a database_id in the config it reads, and
 * `wrangler d1 create --update-config` writes only JSON configs and only when it creates. Paths in the copy are
 * rebased, because wrangler resolves them from the config file's folder.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, posix } from "node:path";
import type { SecretsCheck } from "./secrets-file";
import type { Project } from "./target";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export interface Fill {
  env?: string;
  /** The D1 binding whose database_id is filled in. */
  binding: string;
  databaseId: string;
  /** Replace these [vars] of the environment. */
  vars: Record<string, string>;
  /** The generated file's folder, relative to the project (where wrangler.toml is), e.g. ".wrangler/deploy". */
  folder: string;
}

export function generatedConfig(raw: Json, fill: Fill): Json {
  const copy = structuredClone(raw);
  const up = posix.relative(fill.folder, ".") || ".";
  const rebase = (path: unknown) => (typeof path === "string" ? posix.join(up, path) : path);

  const rebaseSection = (section: Json) => {
    if ("main" in section) section.main = rebase(section.main);
    if ("tsconfig" in section) section.tsconfig = rebase(section.tsconfig);
    if (isObject(section.assets) && "directory" in section.assets) {
      section.assets.directory = rebase(section.assets.directory);
    }
    for (const db of Array.isArray(section.d1_databases) ? section.d1_databases : []) {
      if (isObject(db) && "migrations_dir" in db) db.migrations_dir = rebase(db.migrations_dir);
    }
  };
  rebaseSection(copy);
  if (isObject(copy.build)) {
    // The build command runs from the folder wrangler is started in (the project); only its watch folder is a path.
    const watch = copy.build.watch_dir ?? "./src";
    copy.build.watch_dir = Array.isArray(watch) ? watch.map(rebase) : rebase(watch);
  }
  const envs = isObject(copy.env) ? copy.env : {};
  for (const section of Object.values(envs)) if (isObject(section)) rebaseSection(section);

  const target = fill.env === undefined ? copy : envs[fill.env];
  if (!isObject(target)) throw new Error(`wrangler.toml has no [env.${fill.env}]`);
  const databases = Array.isArray(target.d1_databases) ? target.d1_databases : [];
  const database = databases.find((db) => isObject(db) && db.binding === fill.binding);
  if (!isObject(database)) throw new Error(`wrangler.toml has no D1 binding ${fill.binding} for this environment`);
  database.database_id = fill.databaseId;
  target.vars = { ...(isObject(target.vars) ? target.vars : {}), ...fill.vars };
  return copy;
}

/** Writes the generated config for the project's target to `path` (absolute). */
export function writeGeneratedConfig(path: string, project: Project, databaseId: string, secrets: SecretsCheck) {
  const { target } = project;
  const config = generatedConfig(project.raw, {
    ...(target.env ? { env: target.env } : {}),
    binding: target.database.binding,
    databaseId,
    vars: secrets.ok ? secrets.vars : {},
    folder: dirname(target.generatedConfig),
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}
