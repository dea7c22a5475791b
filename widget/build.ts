/**
 * Builds the widget into ONE ES module, widget/dist/widget.js, plus the `_headers` file Workers Static Assets reads
 * to serve it at /widget.js with caching and CORS headers. Prints the raw and gzipped size. Refuses to write a bundle
 * that contains anything secret-looking: the widget runs in the shop admin's browser, so a secret in it is published.
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

const WIDGET_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WIDGET_DIR, "..");
export const WIDGET_DIST = join(WIDGET_DIR, "dist");
export const WIDGET_BUNDLE = join(WIDGET_DIST, "widget.js");

/**
 * Five minutes: a shop admin gets a new widget soon after a deploy, and the bundle is not fingerprinted (the embed
 * snippet names /widget.js), so a long max-age would pin old code. The module is loaded cross-origin by the admin
 * page, so it needs CORS.
 */
const HEADERS_FILE = `/widget.js
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

export interface WidgetBuild {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildWidget(options: { quiet?: boolean } = {}): Promise<WidgetBuild> {
  const result = await build({
    entryPoints: [join(WIDGET_DIR, "src/index.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    tsconfig: join(WIDGET_DIR, "tsconfig.json"),
    logLevel: "warning",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output");
  const code = output.text;
  const secrets = findSecrets(code);
  if (secrets.length > 0) {
    throw new Error(`widget bundle refused: it contains ${secrets.join(", ")}. Something secret got imported.`);
  }
  mkdirSync(WIDGET_DIST, { recursive: true });
  writeIfChanged(WIDGET_BUNDLE, code);
  writeIfChanged(join(WIDGET_DIST, "_headers"), HEADERS_FILE);
  const built = { file: WIDGET_BUNDLE, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`${relative(ROOT, built.file)}: ${kb(built.bytes)} (${kb(built.gzipBytes)} gzipped)`);
  }
  return built;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildWidget();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
