/**
 * A real PostgreSQL server for one test file: Debian's `postgresql` binaries (initdb, pg_ctl) on a fresh data
 * directory in a temporary folder, reachable only through a unix socket in that folder, stopped and removed by
 * `stop()`. As root (CI, this machine) the server runs as the `postgres` user, as PostgreSQL refuses root.
 * `.ci/run` installs the package when it is missing; without it this throws, naming the package: nothing is skipped.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresServer {
  /** Connection settings for `new pg.Pool(...)`: the socket folder as host. */
  connection: { host: string; port: number; user: string; database: string };
  stop(): Promise<void>;
}

/** The newest PostgreSQL under /usr/lib/postgresql (Debian's layout), or PG_BIN when set. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) {
    throw new Error(
      "PostgreSQL is not installed: run `apt-get install postgresql` (Debian's package; .ci/run does it in CI), or set PG_BIN to the folder of initdb and pg_ctl",
    );
  }
  return join(root, versions[0], "bin");
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const folder = mkdtempSync(join(tmpdir(), "webshop-kit-pg-"));
  const data = join(folder, "data");
  const owner = await postgresUser();
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const as = (command: string, args: string[]) =>
    owner ? run("runuser", ["-u", "postgres", "--", join(bin, command), ...args]) : run(join(bin, command), args);
  const port = 5432;
  try {
    await as("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
    ]);
    const options = `-k ${folder} -p ${port} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c max_connections=40`;
    await as("pg_ctl", ["-D", data, "-l", join(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    connection: { host: folder, port, user: "postgres", database: "postgres" },
    async stop() {
      try {
        await as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
