/**
 * A kit example started as the shop would start it (`node server.js` in its installed project), on a port the OS
 * picks: the example prints its API's URL once it listens, and that line is what the test waits for.
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface RunningExample {
  /** http://127.0.0.1:<port>/api */
  apiUrl: string;
  /** Everything the process printed so far (for a failing test's message). */
  output(): string;
  stop(): Promise<void>;
}

const READY = /Webshop API on http:\/\/localhost:(\d+)\/api/;

export async function startExample(
  dir: string,
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<RunningExample> {
  // Only PATH and the example's settings: nothing of this machine's environment (a DATABASE_URL) leaks in.
  const onlyThese = { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["server.js"], { cwd: dir, env: onlyThese, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the example did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = READY.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the example exited with ${code} before it listened:\n${output}`));
    });
  });
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    output: () => output,
    stop: () => stop(child, exited),
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}
