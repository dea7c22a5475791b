import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

describe("fault injection", () => {
  it("status: answers without running the handler, once by default, matched by method and path", async () => {
    const { sim, api } = testSim();
    sim.faults.add({ method: "POST", path: "/Customers", kind: "status", status: 503 });
    const failed = await api.post("/Customers", { Name: "A" });
    expect(failed.status).toBe(503);
    expect(failed.text).toBe("503 Service Unavailable");
    expect(sim.count("customers")).toBe(0);
    expect((await api.get("/Customers")).status).toBe(204);
    expect((await api.post("/Customers", { Name: "A" })).status).toBe(201);
  });

  it("status 429 carries the gateway's body; 500 a ProblemDetails", async () => {
    const { sim, api } = testSim();
    sim.faults.add({ path: "/v2/Products", kind: "status", status: 429 });
    sim.faults.add({ path: "/Products", kind: "status", status: 500 });
    const throttled = await api.get("/Products");
    expect(throttled.json).toEqual({ statusCode: 429, message: "Rate limit is exceeded. Try again in 1 seconds." });
    const broken = await api.get("/Products");
    expect(broken.status).toBe(500);
    expect(broken.json).toMatchObject({ status: 500, title: expect.any(String), detail: expect.any(String) });
  });

  it("times and RegExp paths", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer();
    sim.faults.add({ path: /\/Customers\/\d+$/, kind: "status", status: 502, times: 2 });
    expect((await api.get(`/Customers/${customer.Id}`)).status).toBe(502);
    expect((await api.get("/Customers")).status).toBe(200);
    expect((await api.get(`/Customers/${customer.Id}`)).status).toBe(502);
    expect((await api.get(`/Customers/${customer.Id}`)).status).toBe(200);
  });

  it("drop-after-commit: the change is made, the answer is lost as a TypeError", async () => {
    const { sim, api } = testSim();
    sim.faults.add({ method: "POST", path: "/Customers", kind: "drop-after-commit" });
    await expect(api.post("/Customers", { Name: "A", ExternalImportReference: "shop-1" })).rejects.toThrow(
      new TypeError("Network connection lost."),
    );
    expect(sim.list("customers").map((c) => c.ExternalImportReference)).toEqual(["shop-1"]);
    const last = sim.requests.at(-1)!;
    expect(last).toMatchObject({ method: "POST", path: "/v2/Customers", status: 201, dropped: true });
  });

  it("drop-before-commit: nothing changes", async () => {
    const { sim, api } = testSim();
    sim.faults.add({ kind: "drop-before-commit", method: "POST" });
    await expect(api.post("/Products", { Name: "A" })).rejects.toBeInstanceOf(TypeError);
    expect(sim.count("products")).toBe(0);
    expect(sim.requests.at(-1)).toMatchObject({ status: 0, dropped: true });
  });

  it("latency delays, then handles normally", async () => {
    const { sim, api } = testSim();
    await api.getToken();
    sim.faults.add({ kind: "latency", ms: 60 });
    const started = Date.now();
    expect((await api.get("/Products")).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("clear() removes pending faults; requests records every call with its query", async () => {
    const { sim, api } = testSim();
    sim.faults.add({ kind: "status", status: 500, times: Number.POSITIVE_INFINITY });
    sim.faults.clear();
    await api.get("/Customers?PageSize=10");
    expect(sim.requests.map((r) => `${r.method} ${r.path}?${r.query} ${r.status}`)).toEqual([
      "POST /OAuth/Token? 200",
      "GET /v2/Customers?PageSize=10 204",
    ]);
  });
});
