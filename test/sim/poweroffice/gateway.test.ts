import { describe, expect, it } from "vitest";
import { createPowerOfficeSim } from "./index";
import { apiClient, manualClock, testSim, tokenRequest } from "./test-client";

const THROTTLED = { statusCode: 429, message: "Rate limit is exceeded. Try again in 1 seconds." };

describe("API gateway: throttling and routing", () => {
  it("allows 10 requests in any second per subscription key, then 429 with the gateway's body", async () => {
    const clock = manualClock();
    const sim = createPowerOfficeSim({ now: clock.now });
    const api = apiClient(sim);
    await api.getToken(); // the token call counts too: 1
    for (let i = 0; i < 9; i++) expect((await api.get("/Customers")).status).toBe(204);
    const throttled = await api.get("/Customers");
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual(THROTTLED);
    expect(throttled.headers.get("retry-after")).toBeNull();
  });

  it("slides the window: a slot frees exactly one second after the request that used it", async () => {
    const clock = manualClock();
    const sim = createPowerOfficeSim({ now: clock.now, rateLimitPerSecond: 2 });
    expect((await sim.fetch(tokenRequest())).status).toBe(200);
    clock.advance(500);
    expect((await sim.fetch(tokenRequest())).status).toBe(200);
    expect((await sim.fetch(tokenRequest())).status).toBe(429);
    clock.advance(499);
    expect((await sim.fetch(tokenRequest())).status).toBe(429);
    clock.advance(1); // the first request is now exactly 1 s old
    expect((await sim.fetch(tokenRequest())).status).toBe(200);
    expect((await sim.fetch(tokenRequest())).status).toBe(429);
  });

  it("sends Retry-After only when asked to", async () => {
    const clock = manualClock();
    const sim = createPowerOfficeSim({ now: clock.now, rateLimitPerSecond: 1, sendRetryAfter: true });
    await sim.fetch(tokenRequest());
    const throttled = await sim.fetch(tokenRequest());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("1");
  });

  it("does not throttle when the limit is 0", async () => {
    const sim = createPowerOfficeSim({ now: () => 0, rateLimitPerSecond: 0 });
    for (let i = 0; i < 30; i++) expect((await sim.fetch(tokenRequest())).status).toBe(200);
  });

  it("answers 404 'Resource not found' for operations that do not exist, such as PUT", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer();
    const put = await api.call("PUT", `/Customers/${customer.Id}`, { body: { Name: "X" } });
    expect(put.status).toBe(404);
    expect(put.json).toEqual({ statusCode: 404, message: "Resource not found" });
    expect((await api.post("/SalesOrders", {})).status).toBe(404);
    expect((await api.get("/Nothing")).status).toBe(404);
  });

  it("matches paths without regard to case or a trailing slash", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer();
    expect((await api.get(`/customers/${customer.Id}`)).json.Id).toBe(customer.Id);
    expect((await api.get("/CUSTOMERS/")).status).toBe(200);
  });
});
