/**
 * CORS answers only the shop admin's origins (ADMIN_ORIGINS), each with its own origin and never `*`, always with
 * `Vary: Origin`, without credentials; a foreign origin gets no CORS headers and a 403 in words.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import { REPLAYED_HEADER } from "../../../../worker/http/api/push-route";
import { ADMIN_ORIGIN, type ApiWorld, createApiWorld } from "./api-world";

const FOREIGN = "https://evil.example";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
});

const corsHeaders = (headers: Headers) =>
  [...headers].filter(([name]) => name.startsWith("access-control-")).map(([name]) => name);

describe("CORS on /api", () => {
  it("answers the admin origin with that origin, Vary: Origin and no credentials", async () => {
    const response = await world.send("GET", API_PATHS.status, { token: "read", headers: { Origin: ADMIN_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ADMIN_ORIGIN);
    expect(response.headers.get("Vary")).toBe("Origin");
    expect(response.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  });

  it("answers a preflight from the admin origin with the methods and Authorization, Content-Type, Idempotency-Key", async () => {
    const response = await world.send("OPTIONS", API_PATHS.push, {
      token: null,
      headers: {
        Origin: ADMIN_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ADMIN_ORIGIN);
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe("Authorization, Content-Type, Idempotency-Key");
    // PUT for PUT /api/preview/options: without it a browser's preflight refuses the widget's options.
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET, POST, PUT, DELETE, OPTIONS");
    expect(response.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    expect(response.headers.get("Vary")).toBe("Origin");
  });

  it("refuses a preflight from a foreign origin with 403 in JSON and no CORS headers", async () => {
    const answer = await world.refused("origin_not_allowed", "OPTIONS", API_PATHS.status, {
      token: null,
      headers: { Origin: FOREIGN, "Access-Control-Request-Method": "GET" },
    });
    expect(answer.status).toBe(403);
    expect(answer.message).toMatch(/ADMIN_ORIGINS/);
    expect(corsHeaders(answer.headers)).toEqual([]);
    expect(answer.headers.get("Vary")).toBe("Origin");
  });

  it("gives a foreign origin's request no CORS headers, even with a valid token", async () => {
    const answer = await world.refused("origin_not_allowed", "GET", API_PATHS.status, {
      token: "write",
      headers: { Origin: FOREIGN },
    });
    expect(corsHeaders(answer.headers)).toEqual([]);
    // An origin that only looks like the admin's (another port, a suffix) is foreign too.
    for (const lookalike of ["https://admin.shop.test:8443", "https://admin.shop.test.evil.example", "null"]) {
      const response = await world.send("GET", API_PATHS.status, { headers: { Origin: lookalike } });
      expect(response.status).toBe(403);
      expect(corsHeaders(response.headers)).toEqual([]);
    }
  });

  it("lets the admin origin read a refusal (the widget must see token_expired to ask for a new token)", async () => {
    const answer = await world.refused("token_missing", "GET", API_PATHS.status, {
      token: null,
      headers: { Origin: ADMIN_ORIGIN },
    });
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe(ADMIN_ORIGIN);
    expect(answer.headers.get("Vary")).toBe("Origin");
  });

  it("tells a refused origin only that it is not allowed, never which origins are", async () => {
    for (const method of ["OPTIONS", "GET"]) {
      const answer = await world.refused("origin_not_allowed", method, API_PATHS.status, {
        token: null,
        headers: { Origin: FOREIGN, "Access-Control-Request-Method": "GET" },
      });
      expect(answer.message).toContain(FOREIGN);
      expect(answer.message).not.toContain(ADMIN_ORIGIN);
      expect(answer.message).not.toContain("admin.shop.test");
    }
  });

  it("lets the admin origin read Idempotent-Replayed (a push answered from the first attempt says so)", async () => {
    const response = await world.send("GET", API_PATHS.status, { token: "read", headers: { Origin: ADMIN_ORIGIN } });
    const exposed = (response.headers.get("Access-Control-Expose-Headers") ?? "").split(/\s*,\s*/);
    expect(exposed).toContain(REPLAYED_HEADER);
  });

  it("marks every answer Cache-Control: no-store: success, refusal, preflight and a foreign origin's 403", async () => {
    const answers = [
      await world.send("GET", API_PATHS.status, { token: "read", headers: { Origin: ADMIN_ORIGIN } }),
      await world.send("GET", API_PATHS.status, { token: null }),
      await world.send("GET", "/api/nowhere", { token: "read" }),
      await world.send("OPTIONS", API_PATHS.push, {
        token: null,
        headers: { Origin: ADMIN_ORIGIN, "Access-Control-Request-Method": "POST" },
      }),
      await world.send("GET", API_PATHS.status, { token: "read", headers: { Origin: FOREIGN } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 404, 204, 403]);
    for (const answer of answers) expect(answer.headers.get("Cache-Control")).toBe("no-store");
  });

  it("sends Vary: Origin but no CORS headers to a request without Origin (a server, curl)", async () => {
    const response = await world.send("GET", API_PATHS.status, { token: "read" });
    expect(response.status).toBe(200);
    expect(corsHeaders(response.headers)).toEqual([]);
    expect(response.headers.get("Vary")).toBe("Origin");
  });
});
