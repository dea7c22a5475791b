/**
 * The shop announces every change, the sync's own writes included. Intake recognises such an echo from the link
 * (the version the sync wrote or read) in the same D1 round trip as the inbox insert: it is answered like an accepted
 * event, writes no inbox row, and costs no Queue message and no API call. Anything newer is synced where it arrives.
 */
import { describe, expect, it } from "vitest";
import { createWorld, type World } from "./harness";

/** Runs the cron and the queue until empty, holding the shop's webhooks back so the echoes can be watched. */
async function syncWithoutWebhooks(world: World) {
  world.clock.advance(61_000);
  await world.runCron();
  await world.drainQueue();
}

function counters(world: World) {
  return {
    sent: world.queue.sent.length,
    poweroffice: world.poweroffice.requests.length,
    shop: world.shop.requests.length,
    answers: world.webhookAnswers.length,
  };
}

async function inboxRows(world: World, resource: string, id: string) {
  const { results } = await world.env.DB.prepare(
    "SELECT webhook_id, status, outcome, note FROM webhook_inbox WHERE resource = ? AND resource_id = ? ORDER BY received_at, webhook_id",
  )
    .bind(resource, id)
    .all<{ webhook_id: string; status: string; outcome: string | null; note: string | null }>();
  return results;
}

describe("webhook echoes recognised at intake", () => {
  it("the sync's own create in the shop comes back as an echo: 2xx, no row, no queue message, no API call", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "EKKO-INN", Name: "Ekko inn", UnitPrice: 10 });
    await syncWithoutWebhooks(world);
    const shopProduct = world.shop.list("products").find((p) => p.sku === "EKKO-INN")!;
    expect(world.shop.webhooks.pending()).toBeGreaterThan(0);

    const before = counters(world);
    // Each echo delivered twice: the second delivery is recognised the same way (the version seen only grows).
    world.shop.webhookFaults.set({ duplicate: true });
    await world.deliverWebhooks();
    world.shop.webhookFaults.set({});

    const answers = world.webhookAnswers.slice(before.answers);
    expect(answers.length).toBeGreaterThan(0);
    const events = world.shop.webhooks.sent.filter((e) => JSON.parse(e.body).data.id === shopProduct.id);
    expect(events.length).toBeGreaterThan(0);
    expect(answers).toEqual(events.flatMap(() => [202, 202]));
    expect(world.queue.sent.length).toBe(before.sent);
    expect(world.poweroffice.requests.length).toBe(before.poweroffice);
    expect(world.shop.requests.length).toBe(before.shop);
    expect(await inboxRows(world, "products", shopProduct.id)).toEqual([]);
  });

  it("a real shop edit right after the echo is synced where it arrives, without a queue message", async () => {
    const world = await createWorld();
    const product = world.poweroffice.seed.product({ Code: "EKKO-ETTER", Name: "Ekko etter", UnitPrice: 10 });
    await syncWithoutWebhooks(world);
    await world.deliverWebhooks();
    const shopProduct = world.shop.list("products").find((p) => p.sku === "EKKO-ETTER")!;
    const before = counters(world);

    world.shop.edit("products", shopProduct.id, { name: "Ekko etter 2" });
    await world.settle();

    expect(world.queue.sent.length).toBe(before.sent);
    expect(world.poweroffice.get("products", product.Id)).toMatchObject({ Name: "Ekko etter 2" });
    // Processed where it arrived, and settled: its link has seen its version, so its row is deleted.
    expect(await inboxRows(world, "products", shopProduct.id)).toEqual([]);
  });

  it("a shop edit racing the sync's own write is synced: its version is newer than the one the link knows", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "EKKO-KAPP", Name: "Ekko kapp", UnitPrice: 10 });
    await syncWithoutWebhooks(world);
    const shopProduct = world.shop.list("products").find((p) => p.sku === "EKKO-KAPP")!;
    // A person edits before the sync's echo is delivered: two events, the echo (seen) and the edit (newer).
    world.shop.edit("products", shopProduct.id, { name: "Ekko kapp 2" });
    const before = counters(world);
    await world.deliverWebhooks();

    expect(world.queue.sent.slice(before.sent)).toEqual([]);
    // The echoes write no row; the edit's row, processed where it arrived, is deleted once its link has seen it.
    expect(await inboxRows(world, "products", shopProduct.id)).toEqual([]);
    expect(world.poweroffice.list("products").find((p) => p.Code === "EKKO-KAPP")).toMatchObject({
      Name: "Ekko kapp 2",
    });
  });

  it("a deletion naming the version the sync has seen is still processed", async () => {
    const world = await createWorld();
    world.poweroffice.seed.customer({ IsPerson: true, EmailAddress: "ekko-borte@example.no" });
    await syncWithoutWebhooks(world);
    await world.deliverWebhooks();
    const shopCustomer = world.shop.list("customers").find((c) => c.email === "ekko-borte@example.no")!;
    const before = counters(world);

    world.shop.remove("customers", shopCustomer.id);
    await world.deliverWebhooks();

    expect(world.queue.sent.slice(before.sent)).toEqual([]);
    expect(await inboxRows(world, "customers", shopCustomer.id)).toEqual([
      expect.objectContaining({ status: "processed", outcome: "deleted" }),
    ]);
  });

  it("a department, which lives among the shop's customers, is recognised by its link in the departments dataflow", async () => {
    const world = await createWorld();
    world.poweroffice.seed.department({ Code: "EKKO9", Name: "Ekkoavdeling", IsActive: true });
    await syncWithoutWebhooks(world);
    const shopDepartment = world.shop.list("customers").find((c) => c.kind === "department")!;
    const before = counters(world);

    await world.deliverWebhooks();

    expect(world.webhookAnswers.length).toBeGreaterThan(before.answers);
    expect(world.queue.sent.length).toBe(before.sent);
    expect(world.poweroffice.requests.length).toBe(before.poweroffice);
    expect(await inboxRows(world, "customers", shopDepartment.id)).toEqual([]);
  });
});
