/**
 * A bulk import in PowerOffice gives many records one LastChangedDateTimeOffset. The feed must still hand the engine
 * pages it can finish within an invocation's budget, resume inside the tie group, and never bind more than D1's 100
 * parameters in one statement: every record reaches the shop, once.
 */
import { describe, expect, it } from "vitest";
import { FREE_PLAN_SUBREQUESTS } from "../../../worker/budgets/budget";
import { createWorld } from "./harness";
import { deadLetterRows, linkRows } from "./tables";

const BULK_IMPORT_AT = "2026-11-20T08:00:00.1234567+01:00";

describe("records sharing one timestamp", () => {
  it("400 PowerOffice customers with one LastChangedDateTimeOffset all reach the shop, none twice", {
    timeout: 300_000,
  }, async () => {
    const world = await createWorld();
    for (let n = 1; n <= 400; n++) {
      world.poweroffice.seed.customer({
        IsPerson: true,
        FirstName: "Importert",
        LastName: `Kunde ${n}`,
        EmailAddress: `import${n}@example.no`,
        LastChangedDateTimeOffset: BULK_IMPORT_AT,
      });
    }

    // The harness's settle() gives up after 200 queue batches; a backfill of 400 records on the Free plan's budget
    // (a few records per invocation) needs more, so this test drains with its own, larger bound.
    let cycles = 0;
    let batches = 0;
    while (world.shop.count("customers") < 400 && cycles < 3) {
      world.clock.advance(61_000);
      await world.runCron();
      cycles++;
      while ((world.queue.pending.length > 0 || world.shop.webhooks.pending() > 0) && batches < 1000) {
        await world.deliverWebhooks();
        const { retried } = await world.consumeOnce();
        if (retried.length > 0) world.clock.advance(60_000);
        batches++;
      }
    }

    expect(world.queue.pending).toHaveLength(0);
    const shopCustomers = world.shop.list("customers");
    expect(shopCustomers).toHaveLength(400);
    const partners = shopCustomers.map((c) => c.external_ids.poweroffice_customer);
    expect(new Set(partners).size).toBe(400);
    expect(world.poweroffice.count("customers")).toBe(400);
    const links = await linkRows("customers");
    expect(links).toHaveLength(400);
    expect(links.filter((l) => l.state !== "linked")).toEqual([]);
    expect(await deadLetterRows()).toEqual([]);
    expect(Math.max(...world.budgets.map((b) => b.used()))).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
    console.log(
      `400 tied customers: ${cycles} cron runs, ${batches} queue batches, ${world.budgets.length} invocations`,
    );
  });
});
