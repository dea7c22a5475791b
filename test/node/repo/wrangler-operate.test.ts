/**
 * wrangler.toml's part in operating the worker, read as wrangler itself reads it: Workers Logs on, and the platform's
 * dead-letter queue consumed by the worker.
 */
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { DEAD_LETTER_QUEUE, WORK_QUEUE_DELIVERIES } from "../../../worker/jobs/dead-letter-queue";

const config = unstable_readConfig({ config: "wrangler.toml" });
const consumers = (config.queues.consumers ?? []) as Array<{
  queue: string;
  max_retries?: number;
  dead_letter_queue?: string;
}>;

describe("wrangler.toml for operations", () => {
  it("turns Workers Logs on", () => {
    expect(config.observability?.enabled).toBe(true);
  });

  it("sends what crashed the consumer on every delivery to the dead-letter queue, which the worker consumes", () => {
    const work = consumers.find((c) => c.queue === "poweroffice-sync-work");
    expect(work?.dead_letter_queue).toBe(DEAD_LETTER_QUEUE);
    expect((work?.max_retries ?? 3) + 1).toBe(WORK_QUEUE_DELIVERIES);
    const dead = consumers.find((c) => c.queue === DEAD_LETTER_QUEUE);
    expect(dead).toBeDefined();
    // Never dropped: the platform's most retries, and no dead-letter queue of its own.
    expect(dead?.max_retries).toBe(100);
    expect(dead?.dead_letter_queue).toBeUndefined();
  });
});
