/**
 * The engine's queue messages through the worker's own queue handler: `push` syncs one shop record now, `reconcile`
 * walks the links slice by slice, `retry` leaves a link that is no longer due alone, a malformed message is
 * dead-lettered at once, and a batch larger than one invocation's budget is deferred, not dropped.
 */
import { describe, expect, it } from "vitest";
import { FREE_PLAN_SUBREQUESTS } from "../../../worker/budgets/budget";
import { RECONCILE_SLICE } from "../../../worker/jobs/sync-work";
import type { SyncMessage } from "../../../worker/messages/message";
import { createWorld } from "./harness";
import { deadLetterRows, linkRows } from "./tables";

const send = (world: Awaited<ReturnType<typeof createWorld>>, body: unknown) =>
  world.queue.queue.send(body as SyncMessage);

describe("queue messages of the engine", () => {
  it("push: the admin's 'sync this record now' creates it in PowerOffice without a webhook or cron", async () => {
    const world = await createWorld();
    await world.cycle();
    const product = world.shop.seed.product({ sku: "PUSH-1", name: "Dyttet" });
    await send(world, { v: 1, kind: "push", resource: "products", id: product.id, idempotencyKey: "push-1" });
    await world.drainQueue();
    expect(world.poweroffice.list("products")).toEqual([expect.objectContaining({ Code: "PUSH-1", Name: "Dyttet" })]);
  });

  it("reconcile: walks every link in slices, each message queueing the next", async () => {
    const world = await createWorld();
    for (let n = 1; n <= 12; n++) world.poweroffice.seed.product({ Code: `AVSTEM-${n}` });
    for (let i = 0; i < 3; i++) await world.cycle();
    world.queue.sent.length = 0;
    await send(world, { v: 1, kind: "reconcile", dataflow: "products", afterLinkId: null });
    await world.drainQueue();
    const starts = world.queue.sent.flatMap((m) => (m.kind === "reconcile" ? [m.afterLinkId ?? 0] : []));
    expect(starts.length).toBeGreaterThanOrEqual(Math.ceil(12 / RECONCILE_SLICE));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.at(-1)).toBeLessThanOrEqual((await linkRows("products")).at(-1)!.id);
    expect(world.queue.pending).toEqual([]);
  });

  it("reconcile on Workers Free: a message checks as many unchanged links as fit, each read once on both sides", async () => {
    const world = await createWorld();
    for (let n = 1; n <= 30; n++) world.poweroffice.seed.product({ Code: `FULL-${n}` });
    for (let i = 0; i < 3; i++) await world.cycle();
    const links = await linkRows("products");
    expect(links).toHaveLength(30);
    world.queue.sent.length = 0;
    const from = { po: world.poweroffice.requests.length, shop: world.shop.requests.length };
    await send(world, { v: 1, kind: "reconcile", dataflow: "products", afterLinkId: null });
    await world.drainQueue();

    // Each message checks links while the dearest case (a link that needs its writes) still fits in the Free plan's
    // 50 subrequests; an unchanged link costs its two reads and nothing else (its link is in the slice already read,
    // and nothing is claimed or committed for it), so 30 take 3 messages (the one sent here and two continuations),
    // not one per 3 links as when every link was counted at the dearest case.
    const messages = world.queue.sent.filter((m) => m.kind === "reconcile");
    expect(messages.length).toBeLessThanOrEqual(3);
    const unchanged = await linkRows("products");
    expect(unchanged.map((l) => [l.id, l.rev])).toEqual(links.map((l) => [l.id, l.rev]));
    const byId = (list: Array<{ method: string; path: string }>, start: number, prefix: string) =>
      list
        .slice(start)
        .filter((r) => r.method === "GET" && r.path.startsWith(prefix))
        .map((r) => r.path.slice(prefix.length))
        .sort();
    expect(byId(world.poweroffice.requests, from.po, "/v2/Products/")).toEqual(
      links.map((l) => l.poweroffice_id).sort(),
    );
    expect(byId(world.shop.requests, from.shop, "/api/products/")).toEqual(links.map((l) => l.webshop_id).sort());
    expect(Math.max(...world.budgets.map((b) => b.used()))).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
    expect(world.queue.pending).toEqual([]);
  });

  it("reconcile on Workers Free: orders too are checked several to a message, each read once on both sides", async () => {
    const world = await createWorld();
    const buyer = world.shop.seed.customer({ kind: "person", email: "avstem@example.no" });
    const product = world.shop.seed.product({ sku: "AVSTEM-ORDRE" });
    for (let n = 0; n < 12; n++) world.shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: product.id }] });
    for (let i = 0; i < 5; i++) await world.cycle();
    const links = await linkRows("orders");
    expect(links.filter((l) => l.state === "linked")).toHaveLength(12);
    world.queue.sent.length = 0;
    const from = { po: world.poweroffice.requests.length, shop: world.shop.requests.length };
    await send(world, { v: 1, kind: "reconcile", dataflow: "orders", afterLinkId: null });
    await world.drainQueue();

    // An order is planned at NEXT_RECORD_COST after the first (its customer and products are linked), as on a feed
    // page, not at RECORD_COST (an order bringing a new customer and two new products): 12 orders, not 12 messages.
    expect(world.queue.sent.filter((m) => m.kind === "reconcile").length).toBeLessThanOrEqual(3);
    const reads = (list: Array<{ method: string; path: string }>, start: number, prefix: string) =>
      list.slice(start).filter((r) => r.method === "GET" && r.path.startsWith(prefix)).length;
    expect(reads(world.poweroffice.requests, from.po, "/v2/SalesOrders/")).toBe(12);
    expect(reads(world.shop.requests, from.shop, "/api/orders/")).toBe(12);
    expect((await linkRows("orders")).map((l) => [l.id, l.rev])).toEqual(links.map((l) => [l.id, l.rev]));
    expect(Math.max(...world.budgets.map((b) => b.used()))).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
  });

  it("retry: the cron queues a link whose retry is due, and the retry syncs it", async () => {
    const world = await createWorld();
    await world.cycle();
    world.poweroffice.faults.add({ kind: "status", status: 503, method: "POST", path: "/Products", times: 8 });
    world.shop.seed.product({ sku: "SNART-1" });
    await world.cycle();
    const [failed] = await linkRows("products");
    expect(failed).toMatchObject({ state: "error", attempts: 1, next_retry_at: expect.any(String) });
    world.poweroffice.faults.clear();

    const report = await world.cycle();

    expect(report.retriesQueued).toBe(1);
    expect(world.queue.sent).toContainEqual({ v: 1, kind: "retry", linkId: failed!.id, dataflow: "products" });
    expect(world.poweroffice.list("products").map((p) => p.Code)).toEqual(["SNART-1"]);
    expect((await linkRows("products"))[0]).toMatchObject({ state: "linked", next_retry_at: null });
  });

  it("retry: a feed chain reaching its end queues the links that became due (the gate), without waiting for a cron", async () => {
    const world = await createWorld();
    for (let i = 0; i < 12; i++)
      world.poweroffice.seed.customer({ Name: `Kunde ${i} AS`, EmailAddress: `k${i}@po.no` });
    const shopOnly = world.shop.seed.customer({ kind: "person", first_name: "Nora", email: "nora@shop.no" });
    // One cron run: the PowerOffice customers feed takes a chain of pages (a few records each on the Free budget);
    // the shop customer waits for that feed's end (the customers backfill gate) before it is created there.
    await world.runCron();
    await world.settle();
    expect(world.cronReports).toHaveLength(1);
    const created = world.poweroffice.list("customers").filter((c) => c.EmailAddress === "nora@shop.no");
    expect(created).toHaveLength(1);
    expect(world.shop.get("customers", shopOnly.id)?.external_ids.poweroffice_customer).toBe(String(created[0]?.Id));
  });

  it("retry: a link that is no longer due is left alone", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "IKKE-FORFALT" });
    for (let i = 0; i < 2; i++) await world.cycle();
    const [link] = await linkRows("products");
    const before = world.shop.requests.length + world.poweroffice.requests.length;
    await send(world, { v: 1, kind: "retry", linkId: link!.id });
    const { acked } = await world.consumeOnce();
    expect(acked).toHaveLength(1);
    expect(world.shop.requests.length + world.poweroffice.requests.length).toBe(before);
  });

  it("a message of a known kind with a bad field is dead-lettered at once, with the field named", async () => {
    const world = await createWorld();
    await send(world, { v: 1, kind: "poll", dataflow: "invoices", side: "poweroffice", holder: "h" });
    await send(world, { v: 2, kind: "retry", linkId: 1 });
    const { acked, retried } = await world.consumeOnce();
    expect(acked).toHaveLength(2);
    expect(retried).toEqual([]);
    const letters = await deadLetterRows();
    expect(letters.map((l) => l.kind)).toEqual(["poll", "retry"]);
    expect(letters[0]?.reason).toMatch(/dataflow: Invalid type/);
    expect(letters[1]?.reason).toMatch(/v: Invalid type: Expected 1/);
  });

  it("poll: one invocation reads page after page while they fit its budget (records the sync has seen)", async () => {
    const world = await createWorld();
    for (let i = 0; i < 30; i++)
      world.poweroffice.seed.product({ Code: `ECHO-${i}`, Name: `Ekko ${i}`, UnitPrice: 10 });
    await world.cycle();
    expect(world.shop.count("products")).toBe(30);
    // Read the shop's product feed again from its start: 30 records the sync has seen, cheap to page through.
    await world.env.DB.prepare("DELETE FROM cursors WHERE dataflow = 'products' AND side = 'webshop'").run();
    const reads = () =>
      world.shop.requests.filter((r) => r.method === "GET" && r.path.endsWith("/products") && r.query.includes("limit"))
        .length;
    const before = reads();
    await send(world, { v: 1, kind: "poll", dataflow: "products", side: "webshop", holder: "chain:test" });
    await world.consumeOnce(1);
    // Both pages (25 records, then 5) in that one invocation, each read once.
    expect(reads() - before).toBe(2);
    expect(world.budgets.at(-1)!.used()).toBeLessThanOrEqual(50);
  });

  it("poll: pages without one record of the dataflow (shop customers, read for departments) do not end the invocation", async () => {
    const world = await createWorld();
    for (let i = 0; i < 80; i++)
      world.poweroffice.seed.customer({
        IsPerson: true,
        FirstName: "Kunde",
        LastName: `${i}`,
        EmailAddress: `k${i}@po.no`,
      });
    for (let i = 0; i < 10 && world.shop.count("customers") < 80; i++) await world.cycle();
    expect(world.shop.count("customers")).toBe(80);
    // Read the shop's customers feed for departments again from its start: four pages of customers, no department.
    await world.env.DB.prepare("DELETE FROM cursors WHERE dataflow = 'departments' AND side = 'webshop'").run();
    const reads = () =>
      world.shop.requests.filter(
        (r) => r.method === "GET" && r.path.endsWith("/customers") && r.query.includes("limit"),
      ).length;
    const before = reads();
    world.queue.sent.length = 0;
    await send(world, { v: 1, kind: "poll", dataflow: "departments", side: "webshop", holder: "chain:test" });
    await world.consumeOnce(1);
    // Every page in that one invocation, each read once, and no message to continue the chain.
    expect(reads() - before).toBe(4);
    expect(world.queue.sent.filter((m) => m.kind === "poll")).toHaveLength(1);
    expect(world.budgets.at(-1)!.used()).toBeLessThanOrEqual(50);
  });

  it("a batch bigger than one invocation's budget is partly deferred (sent again), never dropped", async () => {
    const world = await createWorld({ measureOnly: true });
    await world.cycle();
    const products = Array.from({ length: 10 }, (_, i) => world.shop.seed.product({ sku: `MANGE-${i + 1}` }));
    // Events that could not be synced where they arrived (their invocations' budgets were spent) are on the queue.
    for (const [i, product] of products.entries()) {
      const edited = world.shop.edit("products", product.id, { name: `Endret ${product.sku}` });
      await send(world, {
        v: 1,
        kind: "webshop-event",
        webhookId: `msg_many_${i}`,
        resource: "products",
        id: product.id,
        version: edited.version,
      });
    }
    expect(world.queue.pending).toHaveLength(10);

    const first = await world.consumeOnce();
    expect(first.acked).toHaveLength(10);
    expect(world.queue.pending.length).toBeGreaterThan(0);
    expect(world.budgets.at(-1)!.used()).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
    await world.drainQueue();

    expect(world.poweroffice.count("products")).toBe(10);
    expect(Math.max(...world.budgets.map((b) => b.used()))).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
    expect(await deadLetterRows()).toEqual([]);
  });
});
