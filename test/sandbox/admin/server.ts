/** Serves the demo admin site (app.ts) on 127.0.0.1 with @hono/node-server. */
import { serve } from "@hono/node-server";
import { createAdminApp } from "./app";
import type { AdminContext } from "./context";

export interface RunningAdmin {
  port: number;
  close(): Promise<void>;
}

export function serveAdmin(ctx: AdminContext, port: number): Promise<RunningAdmin> {
  const app = createAdminApp(ctx);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) =>
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // A browser keeps its connections open; the demo is stopping, so they go too.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      }),
    );
    server.once("error", reject);
  });
}
