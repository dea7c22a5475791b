/**
 * Serves an in-process simulator (either one) over a real socket, for the demo and manual poking: one log line per
 * request, and a dropped-connection fault destroys the socket, as a real network failure would.
 */
import type { ServerResponse } from "node:http";
import { serve } from "@hono/node-server";

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0 picks a free one); resolves once it listens. */
export function serveSimulator(
  sim: { fetch(request: Request): Promise<Response> },
  port: number,
  log: (line: string) => void = console.log,
): Promise<RunningServer> {
  return new Promise((resolve) => {
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
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
  });
}

/** The port a `serve.ts` command line asks for: a bare number argument, else PORT, else `fallback`. */
export function portFromArgs(args: string[], fallback: number): number {
  return Number(args.find((a) => /^\d+$/.test(a)) ?? process.env.PORT ?? fallback);
}

/** Closes the server and exits on Ctrl-C or a termination signal. */
export function closeOnSignals(running: RunningServer): void {
  process.on("SIGINT", () => void running.close().then(() => process.exit(0)));
  process.on("SIGTERM", () => void running.close().then(() => process.exit(0)));
}
