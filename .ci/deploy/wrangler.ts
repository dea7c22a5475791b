/**
 * The real wrangler as a child process. It is found on PATH with the project's node_modules/.bin last (`npm run`
 * puts it first, so `npm run deploy` runs the project's wrangler), runs in the project's folder, and its output is
 * piped: wrangler then never stops to ask (this tool asks once for the whole plan instead).
 */
import { spawn } from "node:child_process";
import { delimiter, join } from "node:path";
import type { Output } from "./wrangler-facts";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class Wrangler {
  private accountId: string | undefined;

  constructor(
    private readonly root: string,
    private readonly io: Io,
  ) {}

  /** A path of the project. */
  path(relative: string): string {
    return join(this.root, relative);
  }

  /** Every later command goes to this account (wrangler would otherwise stop to ask when a login has several). */
  useAccount(id: string) {
    this.accountId = id;
  }

  run(args: string[], echo = false): Promise<Output> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [process.env.PATH, join(this.root, "node_modules", ".bin")].filter(Boolean).join(delimiter),
      ...(this.accountId ? { CLOUDFLARE_ACCOUNT_ID: this.accountId } : {}),
    };
    return new Promise((resolve) => {
      const child = spawn("wrangler", args, { cwd: this.root, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk;
        if (echo) this.io.out(String(chunk));
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk;
        if (echo) this.io.err(String(chunk));
      });
      child.on("error", (error) => resolve({ stdout, stderr: `${stderr}\n✘ [ERROR] ${error.message}`, code: 127 }));
      child.on("close", (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    });
  }
}
