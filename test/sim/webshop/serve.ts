/**
 * Runs the reference webshop as a standalone HTTP server (for the demo and manual poking):
 * `node --import tsx test/sim/webshop/serve.ts [port] [--demo] [--webhook-url URL] [--webhook-secret whsec_...]`,
 * port from the argument, PORT, or 8792; WEBHOOK_URL, WEBHOOK_SECRET and WEBSHOP_API_TOKEN work too. Webhooks go out
 * with global fetch. Logs one line per request; a dropped-connection fault destroys the socket (../serve-simulator.ts).
 */
import { pathToFileURL } from "node:url";
import { closeOnSignals, portFromArgs, type RunningServer, serveSimulator } from "../serve-simulator";
import { seedDemoShop } from "./demo-data";
import { createReferenceWebshop, DEFAULT_BASE_PATH, type ReferenceWebshop } from "./index";

export const DEFAULT_PORT = 8792;

export interface RunningShop extends RunningServer {
  shop: ReferenceWebshop;
}

export async function serveReferenceWebshop(
  shop: ReferenceWebshop,
  port: number,
  log?: (line: string) => void,
): Promise<RunningShop> {
  return { shop, ...(await serveSimulator(shop, port, log)) };
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = portFromArgs(args, DEFAULT_PORT);
  const url = option(args, "--webhook-url") ?? process.env.WEBHOOK_URL;
  const secret = option(args, "--webhook-secret") ?? process.env.WEBHOOK_SECRET;
  if (url && !secret) throw new Error("--webhook-url needs --webhook-secret (or WEBHOOK_SECRET)");
  const shop = createReferenceWebshop({
    apiToken: process.env.WEBSHOP_API_TOKEN,
    webhooks: url && secret ? { url, secret } : undefined,
  });
  if (args.includes("--demo")) seedDemoShop(shop);
  const running = await serveReferenceWebshop(shop, port);
  console.log(
    `Reference webshop on http://127.0.0.1:${running.port}${DEFAULT_BASE_PATH}` +
      (url ? `, webhooks to ${url}` : ", no webhooks (give --webhook-url and --webhook-secret)"),
  );
  closeOnSignals(running);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
