/**
 * `npm start`: the product on its built-in sandbox (start-demo.ts) — both simulators with Norwegian demo data, the
 * widget, the worker under `wrangler dev` with a fresh local D1, the cron every minute and the demo webshop admin.
 * Prints the URLs; Ctrl-C stops everything it started.
 *
 * `npm start -- --ports 9787` moves every port (worker 9787, admin +3, PowerOffice +4, webshop +5); DEMO_PORT_BASE
 * does the same. `--verbose` logs every simulator request. `--fresh` starts unconnected, for the walk through
 * connecting PowerOffice, the preview of the first sync and "Start syncing".
 */
import { SIM_DEFAULT_CLIENT } from "../sim/poweroffice/index";
import { DEFAULT_PORT_BASE } from "./demo-config";
import { type RunningDemo, startDemo } from "./start-demo";

const say = (line: string) => console.log(`[demo] ${line}`);

function portBase(args: string[]): number {
  const at = args.indexOf("--ports");
  const raw =
    at >= 0 ? args[at + 1] : (args.find((a) => a.startsWith("--ports="))?.slice(8) ?? process.env.DEMO_PORT_BASE);
  if (raw === undefined) return DEFAULT_PORT_BASE;
  const base = Number(raw);
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) {
    throw new Error(`--ports takes a base port between 1024 and 65000, not "${raw}"`);
  }
  return base;
}

async function main(): Promise<void> {
  let demo: RunningDemo | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await demo?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const args = process.argv.slice(2);
    const fresh = args.includes("--fresh");
    demo = await startDemo({ portBase: portBase(args), verbose: args.includes("--verbose"), fresh, log: say });
    const { urls, vars } = demo;
    say("ready:");
    say("  demo webshop admin");
    say(`    dashboard (widget)   ${urls.dashboard}`);
    say(`    PowerOffice view     ${urls.powerofficeView}`);
    say(`    webshop view         ${urls.shopView}`);
    say(`    an order page        ${urls.orderPage}`);
    say("  worker");
    say(`    health               ${urls.health}  (ok and version; the details with a widget token:`);
    say(`                         curl -H "Authorization: Bearer <token from POST ${urls.token}>" ${urls.health})`);
    say(`    widget bundle        ${urls.widget}`);
    say(`    webshop contract     ${urls.webshopContract}`);
    say("  simulators");
    say(`    PowerOffice GO API   ${urls.powerofficeApi}  (token: /OAuth/Token)`);
    say(`    webshop API          ${urls.webshopApi}  (bearer ${vars.WEBSHOP_API_TOKEN})`);
    say("The cron runs every minute (or press “Run sync now” in the admin). Ctrl-C stops everything.");
    if (fresh) {
      say(
        `Next: open ${urls.dashboard} and press “Connect PowerOffice” with organisation number ${SIM_DEFAULT_CLIENT.organizationNumber}; nothing is written to either system until you press “Start syncing” after the preview.`,
      );
    }
  } catch (error) {
    console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

await main();
