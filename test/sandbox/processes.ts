/** Child processes of the demo: started in their own process group so Ctrl-C stops wrangler and its workerd too. */
import { type ChildProcess, spawn } from "node:child_process";

/**
 * Process groups still running. A detached group outlives its parent, so if the demo (or a test holding one) exits
 * without stopping them — an uncaught error, process.exit in a test runner — they are killed on the way out.
 */
const running = new Set<number>();
process.once("exit", () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

export interface Child {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Default: this process's working directory. */
  cwd?: string;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  onLine: (line: string) => void,
  options: ChildOptions = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" },
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onLine(line);
    });
  }
  const pid = child.pid;
  if (pid !== undefined) running.add(pid);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (pid !== undefined) process.kill(-pid, signal);
    } catch {
      // the group is empty already
    }
  };
  return {
    name,
    process: child,
    async stop() {
      if (pid === undefined) return;
      if (child.exitCode === null && child.signalCode === null) {
        killGroup("SIGTERM");
        const timer = setTimeout(() => killGroup("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      // wrangler gone does not mean its workerd is: whatever is left of the group goes too.
      killGroup("SIGKILL");
      running.delete(pid);
    },
  };
}

/** Runs a command to completion and resolves with its output lines; rejects with them when it fails. */
export function run(command: string, args: string[], options: ChildOptions = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const child = startChild(command, command, args, (line) => lines.push(line), options);
    child.process.once("close", (code) => {
      void child.stop();
      if (code === 0) resolve(lines);
      else reject(new Error(`${command} ${args.join(" ")} failed:\n${lines.join("\n")}`));
    });
  });
}

export async function waitFor(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await fetch(url);
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${String(last)})`);
}
