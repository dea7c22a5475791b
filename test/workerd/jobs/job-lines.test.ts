/**
 * Every job logs its one JSON line, also when it does nothing or fails: a cron run that finds the lease held, a
 * webhook that D1 refuses (500), an admin write refused for its token's scope.
 */
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { API_PATHS } from "../../../shared/api/paths";
import { createWorker } from "../../../worker/index";
import { CRON_LEASE } from "../../../worker/jobs/cron";
import { createApiWorld } from "../http/api/api-world";
import { failingD1, signedRequest, testEnv } from "../webhooks/helpers";

const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

it("logs a cron run that found the lease held as skipped", async () => {
  const world = await createApiWorld();
  await env.DB.prepare("INSERT INTO leases (name, holder, expires_at) VALUES (?, 'another-run', ?)")
    .bind(CRON_LEASE, world.clock.now() + 60_000)
    .run();
  const report = await world.runCron();
  expect(report.ran).toBe(false);
  const [line] = parse(world.logs).filter((l) => l.kind === "cron");
  expect(line).toMatchObject({ kind: "cron", action: "sync", outcome: "skipped", correlationId: report.runId });
});

it("logs a webhook D1 refused as failed, with its webhook-id", async () => {
  const logs: string[] = [];
  const worker = createWorker({ log: (line) => logs.push(line) });
  const broken = testEnv({ DB: failingD1(env.DB, (sql) => sql.includes("webhook_inbox")) });
  const response = await worker.fetch(await signedRequest({ id: "msg_d1_down" }), broken, createExecutionContext());
  expect(response.status).toBe(500);
  expect(parse(logs)).toEqual([
    expect.objectContaining({
      kind: "webhook",
      correlationId: "msg_d1_down",
      outcome: "failed",
      status: 500,
      result: "internal",
    }),
  ]);
});

it("logs an admin write refused for its scope, by cf-ray, naming the error code and not the admin", async () => {
  const world = await createApiWorld();
  await world.send("POST", API_PATHS.pause("orders", "webshop-to-poweroffice"), {
    token: "read",
    headers: { "cf-ray": "8c1f2a3b4d5e6f70-OSL" },
  });
  const [line] = parse(world.logs).filter((l) => l.kind === "admin");
  expect(line).toMatchObject({
    kind: "admin",
    correlationId: "8c1f2a3b4d5e6f70-OSL",
    action: "POST /api/dataflows/orders/webshop-to-poweroffice/pause",
    outcome: "refused",
    status: 403,
    error: "scope_insufficient",
  });
  expect(JSON.stringify(line)).not.toContain("test-admin");
});

it("logs a cron run on a scheduled controller with its counts and duration", async () => {
  const logs: string[] = [];
  const worker = createWorker({ log: (line) => logs.push(line) });
  await env.DB.prepare("DELETE FROM leases").run();
  await worker
    .scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }),
      testEnv({ WEBSHOP_API_TOKEN: "" }),
    )
    .catch(() => undefined);
  const [line] = parse(logs).filter((l) => l.kind === "cron");
  expect(line).toMatchObject({ kind: "cron", outcome: "ok", counts: { subrequests: expect.any(Number) } });
  expect(line!.durationMs).toEqual(expect.any(Number));
  expect((line!.problems as string[])[0]).toMatch(
    /^The sync is off until the configuration is complete: WEBSHOP_API_TOKEN is empty/,
  );
});
