/**
 * The stack a browser test runs against, all real and all on 127.0.0.1: both simulators seeded with the demo data,
 * the worker under `wrangler dev` (the real bundle, local D1/KV/Queue, fresh migrations in its own directory under
 * test-results/), a host page server that plays the shop admin (serves pages embedding /widget.js from the worker
 * and mints widget tokens), and Debian's Chromium through playwright-core.
 */
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { mintWidgetToken } from "../../shared/api/mint-token";
import type { StatusResponse } from "../../shared/api/status";
import type { TokenScope } from "../../shared/api/token";
import { buildWidget } from "../../widget/build";
import { d1DeadLetters, type NewDeadLetter } from "../../worker/messages/dead-letters";
import { type Child, run, startChild, waitFor } from "../sandbox/processes";
import { seedDemoData } from "../sim/poweroffice/demo-data";
import { createPowerOfficeSim, type PowerOfficeSim } from "../sim/poweroffice/index";
import { servePowerOfficeSim } from "../sim/poweroffice/serve";
import { seedDemoShop } from "../sim/webshop/demo-data";
import { createReferenceWebshop, type ReferenceWebshop } from "../sim/webshop/index";
import { serveReferenceWebshop } from "../sim/webshop/serve";
import { launchChromium } from "./chromium";

const WRANGLER = "node_modules/.bin/wrangler";
export const RESULTS_DIR = "test-results";
export const SCREENSHOT_DIR = join(RESULTS_DIR, "screenshots");

/** Test-only values: they unlock nothing outside this machine. */
export const BROWSER_TEST_SECRETS = {
  POWEROFFICE_APPLICATION_KEY: "test-application-key",
  POWEROFFICE_CLIENT_KEY: "test-client-key",
  POWEROFFICE_SUBSCRIPTION_KEY: "test-subscription-key",
  WEBSHOP_API_TOKEN: "browser-test-webshop-token-7f3a",
  WEBSHOP_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  WIDGET_TOKEN_SECRET: "browser-test-widget-secret-0123456789abcdef",
  CREDENTIALS_KEY: "YnJvd3Nlci10ZXN0LWNyZWRlbnRpYWxzLWtleS0zMmI=",
};

export interface StackOptions {
  /** A name for the state directory and the logs. */
  name: string;
  conflictPolicy?: "newest-wins" | "poweroffice-wins" | "webshop-wins" | "manual";
  /** Worker variables over the defaults, e.g. `POWEROFFICE_CLIENT_KEY: ""` for a deployment connected from the widget. */
  vars?: Record<string, string>;
  /** `preview`: the worker waits for "Start syncing" in the widget before its first write (default `immediate`). */
  firstSync?: "preview" | "immediate";
}

export interface TokenPlan {
  scope: TokenScope;
  /** Seconds the token lives (≤ 300). */
  ttlSeconds: number;
  /** Seconds added to now when minting: negative makes a token that has already run out. */
  shiftSeconds: number;
}

export interface HostPage {
  lang?: string;
  /** The page's body: the widget element(s) and whatever else the test wants around them. */
  body: string;
  /** A <style> for the page (the CSS isolation test's aggressive global CSS). */
  css?: string;
  /** When false the page does not answer token requests (the element must get its `token` property). */
  answerTokenRequests?: boolean;
  /** A classic script at the end of the body, run before the widget module (modules are deferred). */
  script?: string;
}

export interface Stack {
  workerUrl: string;
  hostOrigin: string;
  po: PowerOfficeSim;
  shop: ReferenceWebshop;
  browser: Browser;
  /** How the host page's /token endpoint mints (tests change it: a short-lived or expired token, read scope). */
  tokenPlan: TokenPlan;
  /** Tokens minted by the host's /token endpoint so far. */
  tokensMinted: number;
  /** Serves `page` at a fresh URL on the host origin. */
  page(page: HostPage): string;
  mint(plan?: Partial<TokenPlan>): Promise<string>;
  /** /api/status as the widget would get it (with a fresh read token). */
  status(): Promise<StatusResponse>;
  /**
   * Fires the cron until a run finds every feed quiet and the counts stopped moving. Records waiting for a scheduled
   * retry may still be pending then (a demo order waits a minute for the customers' first read).
   */
  syncUntilQuiet(timeoutMs?: number): Promise<StatusResponse>;
  cron(): Promise<void>;
  /**
   * Stores queue messages as given up on, through the worker's own DeadLetterStore on the worker's local D1: the
   * real consumer needs about 40 minutes of backoff to give up on one, and nothing outside the worker can put an
   * unreadable message on its queue. Returns their ids.
   */
  deadLetters(entries: NewDeadLetter[]): Promise<number[]>;
  newPage(): Promise<Page>;
  /** The worker's log lines so far (for a failing test's message). */
  workerLog: string[];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

const DEFAULT_TOKEN_PLAN: TokenPlan = { scope: "write", ttlSeconds: 300, shiftSeconds: 0 };

export async function startStack(options: StackOptions): Promise<Stack> {
  const built = await buildWidget({ quiet: true });
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const workerPort = await freePort();
    const workerUrl = `http://127.0.0.1:${workerPort}`;

    const po = createPowerOfficeSim();
    seedDemoData(po);
    const poServer = await servePowerOfficeSim(po, 0, () => {});
    closers.push(poServer.close);

    const shop = createReferenceWebshop({
      apiToken: BROWSER_TEST_SECRETS.WEBSHOP_API_TOKEN,
      webhooks: { url: `${workerUrl}/webhooks/webshop`, secret: BROWSER_TEST_SECRETS.WEBSHOP_WEBHOOK_SECRET },
    });
    seedDemoShop(shop);
    const shopServer = await serveReferenceWebshop(shop, 0, () => {});
    closers.push(shopServer.close);

    const pages = new Map<string, HostPage>();
    const stack = {} as Stack;
    const hostServer = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://host");
      if (url.pathname === "/token") {
        stack.tokensMinted += 1;
        void stack.mint().then((token) => {
          res.writeHead(200, { "Content-Type": "text/plain", "Cache-Control": "no-store" });
          res.end(token);
        });
        return;
      }
      const page = pages.get(url.pathname);
      if (!page) {
        res.writeHead(404).end("no such page");
        return;
      }
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(hostHtml(workerUrl, page));
    });
    const hostPort = await listen(hostServer);
    const hostOrigin = `http://127.0.0.1:${hostPort}`;
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          hostServer.close(() => resolve());
          hostServer.closeAllConnections();
        }),
    );

    const stateDir = join(RESULTS_DIR, "wrangler", options.name);
    rmSync(stateDir, { recursive: true, force: true });
    mkdirSync(stateDir, { recursive: true });
    // wrangler dev runs a snapshot of the worker's sources (and the built widget) with the real wrangler.toml: it
    // watches the copy, so an edit elsewhere in the checkout cannot reload the worker mid-test and strand a queue
    // chain's lease. Packages still resolve from the checkout's node_modules, an ancestor directory. shared/webshop
    // takes the contract's schemas from the webshop kit, so its sources come along.
    const snapshot = join(stateDir, "snapshot");
    for (const path of ["wrangler.toml", "worker", "shared", "webshop-kit/src", "widget/dist"]) {
      cpSync(path, join(snapshot, path), { recursive: true });
    }
    const config = join(snapshot, "wrangler.toml");
    await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", stateDir]);

    const vars: Record<string, string> = {
      ...BROWSER_TEST_SECRETS,
      POWEROFFICE_BASE_URL: `http://127.0.0.1:${poServer.port}/v2`,
      POWEROFFICE_TOKEN_URL: `http://127.0.0.1:${poServer.port}/OAuth/Token`,
      WEBSHOP_BASE_URL: `http://127.0.0.1:${shopServer.port}/api`,
      ADMIN_ORIGINS: hostOrigin,
      CONFLICT_POLICY: options.conflictPolicy ?? "newest-wins",
      FIRST_SYNC: options.firstSync ?? "immediate",
      ...options.vars,
    };
    const workerLog: string[] = [];
    const inspectorPort = await freePort();
    const worker: Child = startChild(
      "worker",
      WRANGLER,
      [
        "dev",
        "--config",
        config,
        "--local",
        "--ip",
        "127.0.0.1",
        "--port",
        String(workerPort),
        "--inspector-port",
        String(inspectorPort),
        "--persist-to",
        stateDir,
        "--show-interactive-dev-session=false",
        "--live-reload=false",
        "--test-scheduled",
        ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ],
      (line) => workerLog.push(line),
    );
    closers.push(() => worker.stop());
    await waitFor(`${workerUrl}/health`, 60_000);

    const browser = await launchChromium();
    // Route handlers still in flight when the browser goes would reject unobserved: stop them quietly first.
    const openPages: Page[] = [];
    closers.push(async () => {
      await Promise.all(openPages.map((p) => p.unrouteAll({ behavior: "ignoreErrors" }).catch(() => {})));
      await browser.close();
    });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });

    const mint = (plan: Partial<TokenPlan> = {}) => {
      const p = { ...stack.tokenPlan, ...plan };
      return mintWidgetToken(BROWSER_TEST_SECRETS.WIDGET_TOKEN_SECRET, {
        scope: p.scope,
        ttlSeconds: p.ttlSeconds,
        now: Date.now() + p.shiftSeconds * 1000,
        sub: "browser-test-admin",
      });
    };

    const status = async (): Promise<StatusResponse> => {
      const response = await fetch(`${workerUrl}/api/status`, {
        headers: {
          Authorization: `Bearer ${await mint({ scope: "read", ttlSeconds: 60, shiftSeconds: 0 })}`,
          Origin: hostOrigin,
        },
      });
      if (!response.ok) throw new Error(`/api/status answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as StatusResponse;
    };

    const cron = async () => {
      // Not /cdn-cgi/handler/scheduled: with [assets] configured, wrangler dev answers that one 500 without running it.
      const response = await fetch(`${workerUrl}/__scheduled?cron=*+*+*+*+*`);
      await response.text();
    };

    const deadLetters = async (entries: NewDeadLetter[]) => {
      const { getPlatformProxy } = await import("wrangler");
      // wrangler dev keeps its local state under <persist-to>/v3; the proxy opens the same D1 file.
      const proxy = await getPlatformProxy<{ DB: D1Database }>({
        configPath: config,
        persist: { path: join(stateDir, "v3") },
        remoteBindings: false,
      });
      try {
        const store = d1DeadLetters(proxy.env.DB);
        const ids: number[] = [];
        for (const entry of entries) ids.push(await whileLocked(() => store.add(entry, new Date().toISOString())));
        return ids;
      } finally {
        await proxy.dispose();
      }
    };

    Object.assign(stack, {
      workerUrl,
      hostOrigin,
      po,
      shop,
      browser,
      tokenPlan: { ...DEFAULT_TOKEN_PLAN },
      tokensMinted: 0,
      workerLog,
      mint,
      status,
      cron,
      deadLetters,
      page(page: HostPage) {
        const path = `/page-${pages.size + 1}`;
        pages.set(path, page);
        return `${hostOrigin}${path}`;
      },
      async syncUntilQuiet(timeoutMs = 45_000) {
        const deadline = Date.now() + timeoutMs;
        let previous = "";
        while (Date.now() < deadline) {
          const from = workerLog.length;
          await cron();
          // The cron queues what it cannot read inline; the local queue delivers within about a second.
          await new Promise((resolve) => setTimeout(resolve, 1200));
          // The cron run's JSON line (docs/operations.md, Logs): `feeds` holds "<dataflow>/<side>:<outcome>".
          const outcomes = workerLog
            .slice(from)
            .map(cronLine)
            .find((line) => line !== null)
            ?.feeds.map((feed) => feed.split(":")[1]);
          const current = await status();
          const counts = JSON.stringify(current.dataflows.map((flow) => flow.counts));
          if (outcomes && outcomes.length > 0 && outcomes.every((o) => o === "quiet") && counts === previous)
            return current;
          previous = counts;
        }
        throw new Error(`the sync did not quieten within ${timeoutMs / 1000} s:\n${workerLog.slice(-20).join("\n")}`);
      },
      async newPage() {
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        openPages.push(page);
        page.on("pageerror", (error) => workerLog.push(`[pageerror] ${error.message}`));
        return page;
      },
      close,
    } satisfies Omit<Stack, "tokenPlan" | "tokensMinted"> & Partial<Stack>);
    console.log(`widget.js ${built.bytes} bytes, ${built.gzipBytes} gzipped`);
    return stack;
  } catch (error) {
    await close();
    throw error;
  }
}

function hostHtml(workerUrl: string, page: HostPage): string {
  const answer = page.answerTokenRequests ?? true;
  return `<!doctype html>
<html lang="${page.lang ?? "en"}">
<head>
<meta charset="utf-8">
<title>Shop admin (browser test)</title>
<script type="module" src="${workerUrl}/widget.js"></script>
<script>
  window.tokenRequests = [];
  document.addEventListener("poweroffice-sync-token-request", (event) => {
    window.tokenRequests.push(event.detail.reason);
    ${answer ? `event.detail.provide(fetch("/token").then((r) => r.text()));` : ""}
  });
</script>
${page.css ? `<style>${page.css}</style>` : ""}
</head>
<body>
${page.body}
${page.script ? `<script>${page.script}</script>` : ""}
</body>
</html>`;
}

/** A cron run's JSON log line, or null for any other line. */
function cronLine(line: string): { feeds: string[] } | null {
  const start = line.indexOf('{"');
  if (start < 0) return null;
  try {
    const parsed = JSON.parse(line.slice(start)) as { kind?: unknown; feeds?: unknown };
    return parsed.kind === "cron" && Array.isArray(parsed.feeds) ? { feeds: parsed.feeds.map(String) } : null;
  } catch {
    return null;
  }
}

/**
 * Two processes write the one local SQLite file here: wrangler dev's workerd (the queue consumer, a cron run) and
 * this proxy. SQLite answers a write that meets the other's lock with SQLITE_BUSY at once instead of waiting, so the
 * proxy's write is tried again shortly, as a second writer of one file must be.
 */
async function whileLocked<T>(write: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !/SQLITE_BUSY|database is locked/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
