/**
 * `npm start`: the product on its built-in sandbox. Starts the PowerOffice simulator and the reference webshop
 * (both seeded with Norwegian demo data; the shop signs webhooks to the worker) and the worker under `wrangler dev` with local D1/KV/Queue and fresh migrations, fires the cron every
 * minute (wrangler dev does not run cron triggers by itself), prints the URLs, and stops everything on Ctrl-C.
 */
import { rmSync } from "node:fs";
import { seedDemoData } from "../sim/poweroffice/demo-data";
import { createPowerOfficeSim } from "../sim/poweroffice/index";
import { servePowerOfficeSim } from "../sim/poweroffice/serve";
import { seedDemoShop } from "../sim/webshop/demo-data";
import { createReferenceWebshop } from "../sim/webshop/index";
import { serveReferenceWebshop } from "../sim/webshop/serve";
import { type Child, run, startChild, waitFor } from "./processes";

const PORTS = { worker: 8787, poweroffice: 8791, webshop: 8792 };
const STATE_DIR = ".wrangler/demo-state";
const WRANGLER = "node_modules/.bin/wrangler";
const CRON_EVERY_MS = 60_000;

/** Demo-only values: they unlock nothing outside this machine. */
const DEMO_VARS = {
  POWEROFFICE_BASE_URL: `http://127.0.0.1:${PORTS.poweroffice}/v2`,
  POWEROFFICE_TOKEN_URL: `http://127.0.0.1:${PORTS.poweroffice}/OAuth/Token`,
  POWEROFFICE_APPLICATION_KEY: "test-application-key",
  POWEROFFICE_CLIENT_KEY: "test-client-key",
  POWEROFFICE_SUBSCRIPTION_KEY: "test-subscription-key",
  WEBSHOP_BASE_URL: `http://127.0.0.1:${PORTS.webshop}/api`,
  WEBSHOP_API_TOKEN: "demo-webshop-token",
  WEBSHOP_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  WIDGET_TOKEN_SECRET: "demo-widget-secret-0123456789abcdef0123",
  ADMIN_ORIGINS: "http://127.0.0.1:8790",
};

const say = (line: string) => console.log(`[demo] ${line}`);
const verbose = process.argv.includes("--verbose");

async function main(): Promise<void> {
  const children: Child[] = [];
  const closers: Array<() => Promise<void>> = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await Promise.allSettled([...children.map((c) => c.stop()), ...closers.map((close) => close())]);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const sim = createPowerOfficeSim();
    const demo = seedDemoData(sim);
    const po = await servePowerOfficeSim(sim, PORTS.poweroffice, verbose ? (l) => say(`poweroffice ${l}`) : () => {});
    closers.push(po.close);
    say(
      `PowerOffice simulator seeded: ${demo.customers.length} customers, ${demo.departments.length} departments, ` +
        `${demo.products.length} products, ${demo.salesOrders.length} sales orders`,
    );

    const shop = createReferenceWebshop({
      apiToken: DEMO_VARS.WEBSHOP_API_TOKEN,
      webhooks: {
        url: `http://127.0.0.1:${PORTS.worker}/webhooks/webshop`,
        secret: DEMO_VARS.WEBSHOP_WEBHOOK_SECRET,
      },
    });
    const shopData = seedDemoShop(shop);
    const web = await serveReferenceWebshop(shop, PORTS.webshop, verbose ? (l) => say(`webshop ${l}`) : () => {});
    closers.push(web.close);
    say(
      `reference webshop seeded: ${shopData.customers.length} customers, ${shopData.products.length} products, ` +
        `${shopData.orders.length} orders`,
    );

    rmSync(STATE_DIR, { recursive: true, force: true });
    say("applying D1 migrations to a fresh local database…");
    await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR]);

    const vars = Object.entries(DEMO_VARS).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
    const worker = startChild(
      "worker",
      WRANGLER,
      ["dev", "--local", "--ip", "127.0.0.1", "--port", String(PORTS.worker), "--persist-to", STATE_DIR, ...vars],
      (line) => say(`worker ${line}`),
    );
    children.push(worker);
    const health = await waitFor(`http://127.0.0.1:${PORTS.worker}/health`, 60_000);
    say(`worker health: ${health.status} ${await health.text()}`);

    const cron = async () => {
      const res = await fetch(`http://127.0.0.1:${PORTS.worker}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`).catch(
        (error: unknown) => ({ status: String(error) }),
      );
      say(`cron fired (${res.status})`);
    };
    const timer = setInterval(() => void cron(), CRON_EVERY_MS);
    closers.push(async () => clearInterval(timer));

    say("ready:");
    say(`  worker               http://127.0.0.1:${PORTS.worker}/health`);
    say(`  PowerOffice (sim)    http://127.0.0.1:${PORTS.poweroffice}/v2  (token: /OAuth/Token)`);
    say(`  webshop (reference)  http://127.0.0.1:${PORTS.webshop}/api  (bearer ${DEMO_VARS.WEBSHOP_API_TOKEN})`);
    say(`  webshop contract     http://127.0.0.1:${PORTS.worker}/openapi/webshop.json`);
    say("Ctrl-C stops everything.");
  } catch (error) {
    console.error(`[demo] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

await main();
