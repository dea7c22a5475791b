/**
 * What one environment of wrangler.toml is made of, read with wrangler's own config reader, so names, inheritance
 * and defaults are exactly the ones `wrangler deploy --env` will use.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
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

export function defaultSecretsFile(env: Environment | undefined): string {
  return env ? `.secrets.${env}.env` : ".secrets.env";
}

export function readProject(root: string, env: Environment | undefined, secretsFile: string | undefined): Project {
  const configPath = join(root, "wrangler.toml");
  const config = unstable_readConfig({ config: configPath, env }, { hideWarnings: true });
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
      worker: config.name ?? "",
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
