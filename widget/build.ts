/**
 * Builds the widget into ONE ES module, widget/dist/widget.js, and the go-live views it imports only before go-live,
 * widget/dist/go-live.js (each self-contained: no shared chunk, so /widget.js stays one request), plus the `_headers`
 * file Workers Static Assets reads to serve both with caching and CORS headers. Prints the raw and gzipped sizes.
 * Refuses to write a bundle that contains anything secret-looking: the widget runs in the shop admin's browser, so a
 * secret in it is published.
 *
 * `node --import tsx widget/build.ts` (npm run build:widget), or `buildWidget()` from another script.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
// Names of the worker's secrets: their appearance in the bundle means worker configuration got bundled.
import { SECRET_NAMES } from "../worker/wiring/config";
import { widgetSources } from "./widget-sources";

const WIDGET_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WIDGET_DIR, "..");
export const WIDGET_DIST = join(WIDGET_DIR, "dist");
export const WIDGET_BUNDLE = join(WIDGET_DIST, "widget.js");
export const GO_LIVE_BUNDLE = join(WIDGET_DIST, "go-live.js");

/**
 * Five minutes: a shop admin gets a new widget soon after a deploy, and the bundle is not fingerprinted (the embed
 * snippet names /widget.js), so a long max-age would pin old code. The module is loaded cross-origin by the admin
 * page, so it needs CORS.
 */
const HEADERS_FILE = `/widget.js
  Cache-Control: public, max-age=300
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff
/go-live.js
  Cache-Control: public, max-age=300
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff
`;

const SECRET_PATTERNS: Array<[string, RegExp]> = [
  ["a Standard Webhooks secret (whsec_…)", /whsec_[A-Za-z0-9+/]{16,}/],
  ["a PEM private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a JWT", /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./],
];

/** Secret values configured on this machine: `.dev.vars` and the process environment, by the names above. */
function configuredSecretValues(): string[] {
  const values = SECRET_NAMES.map((name) => process.env[name]).filter((v): v is string => !!v);
  const devVars = join(ROOT, ".dev.vars");
  if (existsSync(devVars)) {
    for (const line of readFileSync(devVars, "utf8").split("\n")) {
      const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*"?(.*?)"?\s*$/.exec(line);
      if (m?.[1] && m[2] && (SECRET_NAMES as readonly string[]).includes(m[1])) values.push(m[2]);
    }
  }
  // Short values would match by accident and are not worth guarding: a real secret is long.
  return values.flatMap((v) => v.split(/\s+/)).filter((v) => v.length >= 12);
}

/** What in `code` looks secret, in words; empty when nothing does. */
export function findSecrets(code: string, extraValues: string[] = []): string[] {
  const found: string[] = [];
  for (const name of SECRET_NAMES) if (code.includes(name)) found.push(`the name ${name}`);
  for (const [what, pattern] of SECRET_PATTERNS) if (pattern.test(code)) found.push(what);
  for (const value of [...configuredSecretValues(), ...extraValues]) {
    if (code.includes(value)) found.push(`a configured secret value (${value.slice(0, 4)}…)`);
  }
  return found;
}

/**
 * A running `wrangler dev` (or a test's worker) serves this directory while builds happen: an unchanged file is left
 * alone, so its watcher does not reload, and a changed one is replaced in one rename, so it is never seen half written.
 */
function writeIfChanged(file: string, content: string): void {
  if (existsSync(file) && readFileSync(file, "utf8") === content) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The main bundle's sizes, and the go-live views' as `goLive`. */
export interface WidgetBuild extends BundleSize {
  goLive: BundleSize;
}

export async function buildWidget(options: { quiet?: boolean } = {}): Promise<WidgetBuild> {
  const result = await build({
    // Two entries without splitting: each file bundles its own copy of what it uses (Lit, valibot), so /widget.js
    // imports nothing at load and go-live.js is fetched only when the dashboard needs it.
    entryPoints: { widget: join(WIDGET_DIR, "src/index.ts"), "go-live": join(WIDGET_DIR, "src/go-live/index.ts") },
    outdir: WIDGET_DIST,
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    tsconfig: join(WIDGET_DIR, "tsconfig.json"),
    logLevel: "warning",
    plugins: [widgetSources],
  });
  const output = (file: string) => {
    const found = result.outputFiles.find((o) => resolve(o.path) === file);
    if (!found) throw new Error(`esbuild produced no ${relative(ROOT, file)}`);
    return found.text;
  };
  const bundles = [WIDGET_BUNDLE, GO_LIVE_BUNDLE].map((file) => ({ file, code: output(file) }));
  for (const { file, code } of bundles) {
    const secrets = findSecrets(code);
    if (secrets.length > 0) {
      throw new Error(
        `widget bundle refused: ${relative(ROOT, file)} contains ${secrets.join(", ")}. Something secret got imported.`,
      );
    }
  }
  mkdirSync(WIDGET_DIST, { recursive: true });
  for (const { file, code } of bundles) writeIfChanged(file, code);
  writeIfChanged(join(WIDGET_DIST, "_headers"), HEADERS_FILE);
  const [main, goLive] = bundles.map(({ file, code }) => ({
    file,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
  })) as [BundleSize, BundleSize];
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const b of [main, goLive])
      console.log(`${relative(ROOT, b.file)}: ${kb(b.bytes)} (${kb(b.gzipBytes)} gzipped)`);
  }
  return { ...main, goLive };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildWidget();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
