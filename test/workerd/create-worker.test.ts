import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createWorker } from "../../worker/index";
import { createPowerOfficeSim } from "../sim/poweroffice";
import { createReferenceWebshop } from "../sim/webshop";
import { testToken } from "./http/api/tokens";
import { simFetch } from "./sim-fetch";
import { eventBody, recordingQueue, signedRequest, testEnv, uniqueId } from "./webhooks/helpers";

// Far from the real clock, so only a handler that uses the overrides' clock accepts what is signed at this time.
const FAKE_NOW = Date.UTC(2031, 0, 15, 9, 30, 0);

function workerOnFakeTime() {
  return createWorker({
    fetch: simFetch({
      "poweroffice.sim": createPowerOfficeSim({ rateLimitPerSecond: 0 }),
      "webshop.sim": createReferenceWebshop(),
    }),
    sleep: async () => {},
    now: () => FAKE_NOW,
  });
}

describe("createWorker(overrides).fetch", () => {
  it("checks a webhook's timestamp against the overrides' clock", async () => {
    const recorder = recordingQueue();
    const request = await signedRequest({
      id: uniqueId("override"),
      timestamp: Math.floor(FAKE_NOW / 1000),
      body: eventBody("customer.updated", { id: "cus_override", version: 1 }, new Date(FAKE_NOW).toISOString()),
    });
    const response = await workerOnFakeTime().fetch(request, testEnv({ SYNC_QUEUE: recorder.queue }));
    expect(response.status).toBe(202);
    expect(recorder.sent).toHaveLength(1);
  });

  it("checks a widget token's lifetime against the overrides' clock", async () => {
    const token = await testToken("read", FAKE_NOW);
    const request = new Request("https://worker.test/api/status", { headers: { authorization: `Bearer ${token}` } });
    const response = await workerOnFakeTime().fetch(request, env);
    expect(response.status).toBe(200);
  });
});
