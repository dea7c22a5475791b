/** Small helpers for the demo's end-to-end test (test/browser/demo.test.ts): ports, polling, docs snippets. */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A base port whose seven demo ports (demo-config.ts) are all free right now, away from 8787's `npm start`. */
export async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(Array.from({ length: 7 }, (_, i) => isFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error("found no seven free consecutive ports");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * Retries `check` until it returns a value (not undefined) or `timeoutMs` passes; `between` runs before each retry
 * (fire the cron, reload the page). The last error or a timeout message is thrown.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; between?: () => Promise<void> },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${options.timeoutMs / 1000} s${last ? `: ${String(last)}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    await options.between?.();
  }
}

/** The code block right after `<!-- snippet: name … -->` in a Markdown file: the docs' code, run as written. */
export function markdownSnippet(file: string, name: string): string {
  const text = readFileSync(file, "utf8");
  const marker = text.indexOf(`<!-- snippet: ${name}`);
  if (marker < 0) throw new Error(`${file} has no snippet named ${name}`);
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(marker));
  if (!block?.[1]) throw new Error(`${file}: no code block follows the snippet marker ${name}`);
  return block[1];
}
