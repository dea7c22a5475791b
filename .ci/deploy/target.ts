/**
 * What one environment of wrangler.toml is made of, read with wrangler's own config reader, so names, inheritance
 * and defaults are exactly the ones `wrangler deploy --env` will use.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import * as v from "valibot";
import { experimental_readRawConfig, unstable_readConfig } from "wrangler";
import type { Environment, Target } from "./plan";

export const GENERATED_FOLDER = ".wrangler/deploy";

export interface Project {
  target: Target;
  /** The environment's [vars]. */
  vars: Record<string, string>;
  /** wrangler.toml as parsed, before wrangler's defaults: the source of the generated config. */
  raw: Record<string, unknown>;
}

/** The parts of wrangler's reading of the config this tool uses, checked: a config without them cannot be deployed. */
const EnvConfigSchema = v.object({
  name: v.string("wrangler.toml names no Worker: set name"),
  vars: v.record(v.string(), v.unknown()),
  d1_databases: v.array(
    v.object({ binding: v.string(), database_name: v.optional(v.string()), migrations_dir: v.optional(v.string()) }),
  ),
  queues: v.object({
    producers: v.optional(v.array(v.object({ queue: v.string() }))),
    consumers: v.optional(v.array(v.object({ queue: v.string(), dead_letter_queue: v.optional(v.string()) }))),
  }),
});

export function defaultSecretsFile(env: Environment | undefined): string {
  return env ? `.secrets.${env}.env` : ".secrets.env";
}

export function readProject(root: string, env: Environment | undefined, secretsFile: string | undefined): Project {
  const configPath = join(root, "wrangler.toml");
  const read = v.safeParse(EnvConfigSchema, unstable_readConfig({ config: configPath, env }, { hideWarnings: true }));
  if (!read.success) throw new Error(`wrangler.toml cannot be deployed: ${read.issues[0].message}`);
  const config = read.output;
  const { rawConfig } = experimental_readRawConfig({ config: configPath });

  const database = config.d1_databases.find((db) => db.binding === "DB");
  if (!database?.database_name) throw new Error("wrangler.toml has no D1 binding DB with a database_name");
  const dead = new Set(config.queues.consumers?.flatMap((c) => (c.dead_letter_queue ? [c.dead_letter_queue] : [])));
  const names = [
    ...(config.queues.producers ?? []).map((p) => p.queue),
    ...(config.queues.consumers ?? []).map((c) => c.queue),
    ...dead,
  ];
  const migrationsDir = resolve(root, database.migrations_dir ?? "migrations");
  const suffix = env ? `.${env}` : "";
  return {
    target: {
      ...(env ? { env } : {}),
      worker: config.name,
      database: { binding: database.binding, name: database.database_name },
      queues: [...new Set(names)].map((name) => ({ name, dead: dead.has(name) })),
      migrations: readdirSync(migrationsDir)
        .filter((file) => file.endsWith(".sql"))
        .sort(),
      secretsFile: secretsFile ?? defaultSecretsFile(env),
      uploadFile: `${GENERATED_FOLDER}/secrets${suffix}.json`,
      generatedConfig: `${GENERATED_FOLDER}/wrangler${suffix}.json`,
    },
    vars: Object.fromEntries(Object.entries(config.vars).map(([k, v]) => [k, String(v)])),
    raw: rawConfig as Record<string, unknown>,
  };
}
