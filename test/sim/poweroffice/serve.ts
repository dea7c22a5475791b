/**
 * Runs the PowerOffice simulator as a standalone HTTP server (for the demo and manual poking):
 * `node --import tsx test/sim/poweroffice/serve.ts [port] [--demo]`, port from the argument, PORT, or 8791.
 * Logs one line per request; a dropped-connection fault destroys the socket (see ../serve-simulator.ts).
 */
import { pathToFileURL } from "node:url";
import { closeOnSignals, portFromArgs, type RunningServer, serveSimulator } from "../serve-simulator";
import { seedDemoData } from "./demo-data";
import { createPowerOfficeSim, type PowerOfficeSim } from "./index";

export const DEFAULT_PORT = 8791;

export interface RunningSim extends RunningServer {
  sim: PowerOfficeSim;
}

export async function servePowerOfficeSim(
  sim: PowerOfficeSim,
  port: number,
  log?: (line: string) => void,
): Promise<RunningSim> {
  return { sim, ...(await serveSimulator(sim, port, log)) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = portFromArgs(args, DEFAULT_PORT);
  const sim = createPowerOfficeSim();
  if (args.includes("--demo")) seedDemoData(sim);
  const running = await servePowerOfficeSim(sim, port);
  console.log(`PowerOffice simulator on http://127.0.0.1:${running.port} (token: /OAuth/Token, API: /v2)`);
  closeOnSignals(running);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
