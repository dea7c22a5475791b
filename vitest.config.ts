import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Migrations are read once here and applied in each worker test file's setup (real local D1 inside workerd).
const migrations = await readD1Migrations("./worker/migrations");

// Test configuration: the base URLs name hosts that only the in-process simulators answer (see test/worker/sim-fetch.ts).
export const TEST_VARS = {
  POWEROFFICE_BASE_URL: "https://poweroffice.sim/v2",
  POWEROFFICE_TOKEN_URL: "https://poweroffice.sim/OAuth/Token",
  POWEROFFICE_APPLICATION_KEY: "test-application-key",
  POWEROFFICE_CLIENT_KEY: "test-client-key",
  POWEROFFICE_SUBSCRIPTION_KEY: "test-subscription-key",
  WEBSHOP_BASE_URL: "https://webshop.sim/api",
  WEBSHOP_API_TOKEN: "test-webshop-token",
  WEBSHOP_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  WIDGET_TOKEN_SECRET: "test-widget-secret-0123456789abcdef0123456789",
  ADMIN_ORIGINS: "https://admin.shop.test",
};

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        test: { name: "core", include: ["test/core/**/*.test.ts", "test/sim/**/*.test.ts"], environment: "node" },
      },
      {
        plugins: [
          cloudflareTest({
            main: "./worker/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { ...TEST_VARS, TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
        },
      },
    ],
  },
});
