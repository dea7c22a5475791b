import type { Env } from "../../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnvForTests {}
  }
  interface WorkerEnvForTests extends Env {
    TEST_MIGRATIONS: D1Migration[];
  }
}
