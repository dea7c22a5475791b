/**
 * Bundles a worker entry into one ES module for Miniflare's API (the benchmarks and the kill-and-restart test start
 * workerd themselves, without wrangler): what wrangler's own build does for `wrangler dev`, minus the file watching.
 */
import { build } from "esbuild";

export async function bundleForWorkerd(entryPoint: string): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["node:*", "cloudflare:*"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
