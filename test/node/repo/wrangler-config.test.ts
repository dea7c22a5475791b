import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../../worker/jobs/consumer";

describe("wrangler.toml", () => {
  const toml = readFileSync("wrangler.toml", "utf8");

  it("lets the Queue redeliver at least as often as the consumer retries before dead-lettering", () => {
    const maxRetries = Number(/max_retries\s*=\s*(\d+)/.exec(toml)?.[1]);
    expect(maxRetries).toBeGreaterThanOrEqual(MAX_ATTEMPTS);
  });

  it("fires the cron every minute", () => {
    expect(toml).toMatch(/crons\s*=\s*\["\* \* \* \* \*"\]/);
  });
});
