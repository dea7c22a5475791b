/**
 * Runs the PowerOffice simulator as a standalone HTTP server (for the demo and manual poking):
 * `node --import tsx test/sim/poweroffice/serve.ts [port] [--demo]`, port from the argument, PORT, or 8791.
 * Logs one line per request. A dropped-connection fault destroys the socket, as a real network failure would.
 */
import type { ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import { seedDemoData } from "./demo-data";
import { createPowerOfficeSim, type PowerOfficeSim } from "./index";

export const DEFAULT_PORT = 8791;

export interface RunningSim {
  sim: PowerOfficeSim;
  port: number;
  close(): Promise<void>;
}

export function servePowerOfficeSim(sim: PowerOfficeSim, port: number, log: (line: string) => void = console.log) {
  return new Promise<RunningSim>((resolve) => {
    const server = serve(
      {
        port,
        hostname: "127.0.0.1",
        fetch: async (request, env) => {
          const started = Date.now();
          const url = new URL(request.url);
          const what = `${request.method} ${url.pathname}${url.search}`;
          try {
            const response = await sim.fetch(request);
            log(`${new Date().toISOString()} ${what} -> ${response.status} (${Date.now() - started} ms)`);
            return response;
          } catch (error) {
            log(`${new Date().toISOString()} ${what} -> connection dropped (${String(error)})`);
            (env as { outgoing?: ServerResponse }).outgoing?.socket?.destroy();
            return new Response(null, { status: 500 });
          }
        },
      },
      (info) =>
        resolve({
          sim,
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(args.find((a) => /^\d+$/.test(a)) ?? process.env.PORT ?? DEFAULT_PORT);
  const sim = createPowerOfficeSim();
  if (args.includes("--demo")) seedDemoData(sim);
  const running = await servePowerOfficeSim(sim, port);
  console.log(`PowerOffice simulator on http://127.0.0.1:${running.port} (token: /OAuth/Token, API: /v2)`);
  process.on("SIGINT", () => void running.close().then(() => process.exit(0)));
  process.on("SIGTERM", () => void running.close().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
