/**
 * Starts the whole sandbox and hands back a handle: both simulators seeded with Norwegian demo data and served on
 * real ports, the widget built, a fresh local D1 with migrations applied, the worker under `wrangler dev`, the demo
 * webshop admin, and the cron fired at once and then every minute (wrangler dev does not run cron triggers by
 * itself). `npm start` (demo.ts) prints its URLs; the demo's browser test drives the same pieces.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemoData } from "../sim/poweroffice/demo-data";
import { createPowerOfficeSim, type PowerOfficeSim } from "../sim/poweroffice/index";
import { servePowerOfficeSim } from "../sim/poweroffice/serve";
import { seedDemoShop } from "../sim/webshop/demo-data";
import { createReferenceWebshop, type ReferenceWebshop } from "../sim/webshop/index";
import { serveReferenceWebshop } from "../sim/webshop/serve";
import type { SyncRun } from "./admin/context";
import { serveAdmin } from "./admin/server";
import {
  DEFAULT_PORT_BASE,
  type DemoPorts,
  type DemoVars,
  demoPorts,
  demoVars,
  freshDemoVars,
  local,
} from "./demo-config";
import { seedFreshExtras } from "./fresh-data";
import { type Child, run, startChild, waitFor } from "./processes";
import { mintWidgetToken } from "./widget-token";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const WIDGET_BUILD = join(ROOT, "widget/build.ts");
const CRON_EVERY_MS = 60_000;

export interface DemoOptions {
  /** Where everything listens (demo-config.ts); default 8787. */
  portBase?: number;
  /** One line per event; default console.log with a [demo] prefix. */
  log?: (line: string) => void;
  /** Also log every simulator request. */
  verbose?: boolean;
  /** Milliseconds between cron runs; 0 fires none (a test runs them itself). Default one minute. */
  cronEveryMs?: number;
  /** The worker's local D1/KV/Queue state, emptied at start; default .wrangler/demo-state (-<base> off 8787). */
  stateDir?: string;
  /**
   * Start unconnected (`npm start -- --fresh`): no PowerOffice client key, the preview before the first sync, extra
   * demo records for it (fresh-data.ts), and the worker's callback URL on the PowerOffice simulator's whitelist.
   */
  fresh?: boolean;
}

export interface DemoUrls {
  /** The worker's origin: /api/*, /widget.js, /webhooks/webshop. */
  worker: string;
  dashboard: string;
  powerofficeView: string;
  shopView: string;
  /** The first demo order's page, with the record widget. */
  orderPage: string;
  /** Where PowerOffice's onboarding sends the admin back to the worker. */
  connectCallback: string;
  token: string;
  health: string;
  widget: string;
  powerofficeApi: string;
  webshopApi: string;
  webshopContract: string;
}

export interface RunningDemo {
  ports: DemoPorts;
  vars: DemoVars;
  urls: DemoUrls;
  sim: PowerOfficeSim;
  shop: ReferenceWebshop;
  /** Fires the worker's cron now, as "Run sync now" does. */
  runSync(): Promise<SyncRun>;
  /** Stops everything it started (idempotent). */
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const base = options.portBase ?? DEFAULT_PORT_BASE;
  const ports = demoPorts(base);
  const fresh = options.fresh ?? false;
  const vars: DemoVars = fresh ? freshDemoVars(ports) : demoVars(ports);
  const say = options.log ?? ((line: string) => console.log(`[demo] ${line}`));
  const quiet = () => {};
  const stateDir = join(
    ROOT,
    options.stateDir ?? (base === DEFAULT_PORT_BASE ? ".wrangler/demo-state" : `.wrangler/demo-state-${base}`),
  );
  const workerUrl = local(ports.worker);
  const connectCallback = `${workerUrl}/connect/poweroffice/callback`;

  const children: Child[] = [];
  const closers: Array<() => Promise<void>> = [];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= Promise.allSettled([...children.map((c) => c.stop()), ...closers.map((close) => close())]).then(
      () => undefined,
    );
    return stopped;
  };

  const runSync = async (): Promise<SyncRun> => {
    try {
      const response = await fetch(`${workerUrl}/__scheduled?cron=*+*+*+*+*`, {
        signal: AbortSignal.timeout(60_000),
      });
      await response.body?.cancel();
      return { status: response.status, ok: response.ok };
    } catch (error) {
      return { status: error instanceof Error ? error.message : String(error), ok: false };
    }
  };

  try {
    // PowerOffice redirects only to RedirectUris it has whitelisted: the simulator knows the worker's callback.
    const sim = createPowerOfficeSim({ redirectWhitelist: [connectCallback] });
    const po = seedDemoData(sim);
    closers.push(
      (await servePowerOfficeSim(sim, ports.poweroffice, options.verbose ? (l) => say(`poweroffice ${l}`) : quiet))
        .close,
    );
    say(
      `PowerOffice simulator seeded: ${po.customers.length} customers, ${po.departments.length} departments, ` +
        `${po.products.length} products, ${po.salesOrders.length} sales orders`,
    );

    const shop = createReferenceWebshop({
      apiToken: vars.WEBSHOP_API_TOKEN,
      webhooks: { url: `${workerUrl}/webhooks/webshop`, secret: vars.WEBSHOP_WEBHOOK_SECRET },
    });
    const shopData = seedDemoShop(shop);
    closers.push(
      (await serveReferenceWebshop(shop, ports.webshop, options.verbose ? (l) => say(`webshop ${l}`) : quiet)).close,
    );
    say(
      `reference webshop seeded: ${shopData.customers.length} customers, ${shopData.products.length} products, ` +
        `${shopData.orders.length} orders`,
    );
    if (fresh) {
      const extras = seedFreshExtras(sim, shop);
      say(
        `for the preview: ${extras.ambiguous.length} shop customers sharing one e-mail (ambiguous), ` +
          `${extras.archived.poweroffice.length + extras.archived.webshop.length} archived records, a cancelled order`,
      );
    }

    if (existsSync(WIDGET_BUILD)) {
      say("building the widget…");
      try {
        const lines = await run(process.execPath, ["--import", "tsx", WIDGET_BUILD], { cwd: ROOT });
        for (const line of lines) say(`widget ${line}`);
      } catch (error) {
        say(
          `the widget did not build, so the admin pages will show none: ${error instanceof Error ? error.message : error}`,
        );
      }
    } else {
      say("no widget/build.ts yet: skipping the widget build (the admin pages wait for /widget.js)");
    }

    rmSync(stateDir, { recursive: true, force: true });
    say("applying D1 migrations to a fresh local database…");
    await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], { cwd: ROOT });

    const worker = startChild(
      "worker",
      WRANGLER,
      [
        "dev",
        "--local",
        "--ip",
        "127.0.0.1",
        "--port",
        String(ports.worker),
        "--inspector-port",
        String(ports.inspector),
        "--persist-to",
        stateDir,
        "--show-interactive-dev-session=false",
        // wrangler 4.86 with [assets] answers /cdn-cgi/handler/scheduled with "exception" (workers-sdk#9882);
        // /__scheduled from --test-scheduled runs the handler through fetch, which works.
        "--test-scheduled",
        ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ],
      (line) => say(`worker ${line}`),
      { cwd: ROOT },
    );
    children.push(worker);
    // /health both ways (docs/operations.md): the public answer a monitor gets, and the details a widget token gets.
    const health = await waitFor(`${workerUrl}/health`, 60_000);
    say(`worker health (public): ${health.status} ${await health.text()}`);
    const { token: healthToken } = mintWidgetToken(vars.WIDGET_TOKEN_SECRET, { scope: "read", lifetimeSeconds: 60 });
    const details = await fetch(`${workerUrl}/health`, { headers: { Authorization: `Bearer ${healthToken}` } });
    say(`worker health (widget token): ${details.status} ${await details.text()}`);

    closers.push(
      (await serveAdmin({ sim, shop, workerUrl, widgetTokenSecret: vars.WIDGET_TOKEN_SECRET, runSync }, ports.admin))
        .close,
    );

    // The first run starts the initial sync (matching both sides) at once instead of a minute from now; in a fresh
    // demo it finds PowerOffice unconnected and does nothing until the admin connects.
    const cron = async () => {
      const result = await runSync();
      say(`cron fired (${result.status})`);
    };
    void cron();
    const every = options.cronEveryMs ?? CRON_EVERY_MS;
    if (every > 0) {
      const timer = setInterval(() => void cron(), every);
      closers.push(async () => clearInterval(timer));
    }

    const admin = local(ports.admin);
    const firstOrder = shop.list("orders")[0];
    return {
      ports,
      vars,
      sim,
      shop,
      runSync,
      stop,
      urls: {
        worker: workerUrl,
        dashboard: `${admin}/`,
        powerofficeView: `${admin}/poweroffice`,
        shopView: `${admin}/shop`,
        orderPage: `${admin}/shop/orders/${firstOrder?.id ?? ""}`,
        connectCallback,
        token: `${admin}/token`,
        health: `${workerUrl}/health`,
        widget: `${workerUrl}/widget.js`,
        powerofficeApi: `${local(ports.poweroffice)}/v2`,
        webshopApi: `${local(ports.webshop)}/api`,
        webshopContract: `${workerUrl}/openapi/webshop.json`,
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
