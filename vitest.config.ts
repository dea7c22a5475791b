import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_VARS } from "./test/test-vars";
import { buildWidget } from "./widget/build";

// wrangler.toml's [assets] directory must exist before the workerd project starts, and the browser tests load /widget.js.
await buildWidget({ quiet: true });

// Migrations are read once here and applied in each workerd test file's setup (real local D1 inside workerd).
const migrations = await readD1Migrations("./worker/migrations");
// The webshop kit's D1 adapter is tested on a database of its own (KIT_DB), beside the worker's DB.
const kitMigrations = await readD1Migrations("./webshop-kit/migrations/d1");

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts", "test/sim/**/*.test.ts"],
          environment: "node",
          // Engine scenarios run whole syncs against both simulators: under a busy machine they take seconds.
          testTimeout: 30_000,
        },
      },
      {
        // Real headless Chromium (Debian's /usr/bin/chromium) against the real worker and both simulators.
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [
          cloudflareTest({
            main: "./worker/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: { ...TEST_VARS, TEST_MIGRATIONS: migrations, KIT_MIGRATIONS: kitMigrations },
              d1Databases: { KIT_DB: "webshop-kit-test" },
            },
          }),
        ],
        test: {
          name: "workerd",
          include: ["test/workerd/**/*.test.ts"],
          // Whole scenarios against both simulators inside workerd: seconds each on an idle machine, more on a busy one.
          testTimeout: 30_000,
          setupFiles: ["./test/workerd/apply-migrations.ts"],
        },
      },
    ],
  },
});
