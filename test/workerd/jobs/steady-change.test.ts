/**
 * A change in steady state costs no Queue message, at most two invocations and the least API calls: a shop edit is
 * synced inside the webhook's own invocation after its 2xx (and the event's `data` is the record, so it is not read
 * again), the echo of the sync's own write writes no inbox row, and the cron moves its feeds past echoes at the peek
 * instead of chasing them with `poll` messages. A crash after the 2xx leaves the inbox row 'received': the cron's
 * sweep sends it once, after the grace period.
 */
import { describe, expect, it } from "vitest";
import type { SidePort } from "../../../worker/core/ports";
import { EVENT_IN_HAND_MS } from "../../../worker/jobs/feed-peek";
import { STRANDED_AFTER_MS } from "../../../worker/webhooks/sweep";
import { createWorld, type World } from "./harness";

async function linkedWorld(options: Parameters<typeof createWorld>[0] = {}) {
  const world = await createWorld(options);
  for (const code of ["KAFFE-1", "KAFFE-2", "KAFFE-3"]) {
    world.poweroffice.seed.product({ Code: code, Name: `Kaffe ${code}`, UnitPrice: 89 });
  }
  const customer = world.poweroffice.seed.customer({
    IsPerson: false,
    Name: "Brenneriet AS",
    OrganizationNumber: "912345674",
    EmailAddress: "post@brenneriet.no",
  });
  for (let i = 0; i < 3; i++) await world.cycle();
  const shopCustomer = world.shop.list("customers").find((c) => c.organization_number === "912345674")!;
  expect(shopCustomer).toBeDefined();
  world.clock.advance(5_000);
  return { world, customer, shopCustomer };
}

/** Feed reads (lists) are the cron's every-minute cost; what a change adds is the reads by id and the writes. */
const isFeedRead = (r: { method: string; path: string }) =>
  r.method === "GET" && /^\/(v2|api)\/[A-Za-z]+$/.test(r.path);

function mark(world: World) {
  return {
    sent: world.queue.sent.length,
    po: world.poweroffice.requests.length,
    shop: world.shop.requests.length,
    answers: world.webhookAnswers.length,
  };
}

function since(world: World, from: ReturnType<typeof mark>) {
  const calls = (list: Array<{ method: string; path: string }>, start: number) =>
    list
      .slice(start)
      .filter((r) => !isFeedRead(r) && !/oauth/i.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
  return {
    messages: world.queue.sent.slice(from.sent).map((m) => m.kind),
    poweroffice: calls(world.poweroffice.requests, from.po),
    shop: calls(world.shop.requests, from.shop),
    deliveries: world.webhookAnswers.length - from.answers,
  };
}

async function inboxRows(world: World) {
  const { results } = await world.env.DB.prepare(
    "SELECT webhook_id, resource, resource_id, status, outcome FROM webhook_inbox ORDER BY received_at, webhook_id",
  ).all<{ webhook_id: string; resource: string; resource_id: string; status: string; outcome: string | null }>();
  return results;
}

/** The inbox's rows recorded since `before` (rows the sweep deleted meanwhile, settled echoes, are not among them). */
async function newInboxRows(world: World, before: Awaited<ReturnType<typeof inboxRows>>) {
  const known = new Set(before.map((row) => row.webhook_id));
  return (await inboxRows(world)).filter((row) => !known.has(row.webhook_id));
}

/** The feed reads (both systems) of one cron cycle. */
async function feedReadsOfOneCycle(world: World): Promise<number> {
  const before = world.poweroffice.requests.length + world.shop.requests.length;
  const reads = () => [...world.poweroffice.requests, ...world.shop.requests].filter((r) => isFeedRead(r)).length;
  const readsBefore = reads();
  await world.cycle();
  expect(world.poweroffice.requests.length + world.shop.requests.length).toBeGreaterThan(before);
  return reads() - readsBefore;
}

/** Two cron runs after the change: the second finds every feed quiet. */
async function untilQuiet(world: World) {
  await world.settle();
  await world.cycle();
  const last = await world.cycle();
  expect(last.feeds.every((f) => f.outcome === "quiet")).toBe(true);
}

/** What a shop edit of a customer costs, all told, and the inbox row it leaves: none. */
async function expectPartnerReadAndWrite(
  world: World,
  from: ReturnType<typeof mark>,
  customerId: number | string,
  rowsBefore: Awaited<ReturnType<typeof inboxRows>>,
) {
  expect(since(world, from)).toEqual({
    messages: [],
    // The partner read a three-way merge needs (PowerOffice's PATCH has no version check), then the write. The
    // shop's record is not read: the event's data carries it.
    poweroffice: [`GET /v2/Customers/${customerId}`, `PATCH /v2/Customers/${customerId}`],
    shop: [],
    deliveries: 1,
  });
  // Settled: the link has seen the edit's version, so its row is deleted (a redelivery is recognised at intake).
  expect(await newInboxRows(world, rowsBefore)).toEqual([]);
}

/**
 * A shop edit whose webhook's invocation answers 202, then dies while syncing it (here: its PowerOffice read never
 * finishes, and the test does not wait for it): the inbox row stays 'received'.
 */
async function editThenDie(phone: string) {
  const hang = { on: false };
  const hanging = (side: SidePort): SidePort =>
    side.side === "poweroffice"
      ? { ...side, get: (...args) => (hang.on ? new Promise(() => {}) : side.get(...args)) }
      : side;
  const { world, customer, shopCustomer } = await linkedWorld({ overrides: { wrapSide: hanging } });
  const from = mark(world);
  world.shop.edit("customers", shopCustomer.id, { phone });
  hang.on = true;
  const delivery = world.shop.webhooks.flush();
  await Promise.race([delivery, new Promise((resolve) => setTimeout(resolve, 200))]);
  hang.on = false;
  return { world, customer, shopCustomer, from };
}

describe("a change in steady state", () => {
  it("a shop edit: synced in its webhook's invocation, no Queue message, one partner read and one write", async () => {
    const { world, customer, shopCustomer } = await linkedWorld();
    const rowsBefore = await inboxRows(world);
    const from = mark(world);
    world.shop.edit("customers", shopCustomer.id, { phone: "+47 912 34 567" });
    await world.deliverWebhooks();
    // Synced by the time the delivery's invocation ended: no queue, no cron.
    expect(world.poweroffice.get("customers", customer.Id)?.PhoneNumber).toBe("+47 912 34 567");
    await untilQuiet(world);
    await expectPartnerReadAndWrite(world, from, customer.Id, rowsBefore);
  });

  it("a PowerOffice edit: written by the cron's own page, read once, its echo writes no inbox row, no Queue message", async () => {
    const { world, customer, shopCustomer } = await linkedWorld();
    const rowsBefore = await inboxRows(world);
    const quiet = await feedReadsOfOneCycle(world);
    const from = mark(world);
    world.poweroffice.edit("customers", customer.Id, { PhoneNumber: "+47 987 65 432" });
    // The page the cron's peek read is the engine's page: no feed is read twice.
    expect(await feedReadsOfOneCycle(world)).toBe(quiet);
    expect(world.shop.get("customers", shopCustomer.id)?.phone).toBe("+47 987 65 432");
    await untilQuiet(world);

    const spent = since(world, from);
    expect(spent.messages).toEqual([]);
    expect(spent.poweroffice).toEqual([]);
    // One call: the shop's write. The shop record is not read first: the link's snapshot and version stand in for it,
    // and the PATCH's If-Match holds that version.
    expect(spent.shop).toEqual([`PATCH /api/customers/${shopCustomer.id}`]);
    // The shop's echo of that PATCH: answered 2xx, and nothing recorded.
    expect(spent.deliveries).toBe(1);
    expect(await newInboxRows(world, rowsBefore)).toEqual([]);
  });

  it("a PowerOffice edit while a shop edit is not synced yet: the write's If-Match is refused, both records read, both edits kept", async () => {
    const { world, customer, shopCustomer } = await linkedWorld();
    const from = mark(world);
    // The shop's edit is made, but its webhook is not delivered before the cron reads PowerOffice's change.
    world.shop.edit("customers", shopCustomer.id, { website: "https://brenneriet.no" });
    world.poweroffice.edit("customers", customer.Id, { PhoneNumber: "+47 987 65 432" });
    world.clock.advance(61_000);
    await world.runCron();

    const shopCalls = world.shop.requests.slice(from.shop).filter((r) => !isFeedRead(r));
    const patch = `PATCH /api/customers/${shopCustomer.id}`;
    expect(shopCalls.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `${patch} 412`,
      `GET /api/customers/${shopCustomer.id} 200`,
      `${patch} 200`,
    ]);
    expect(world.shop.get("customers", shopCustomer.id)).toMatchObject({
      phone: "+47 987 65 432",
      website: "https://brenneriet.no",
    });
    await untilQuiet(world);
    expect(world.poweroffice.get("customers", customer.Id)).toMatchObject({
      PhoneNumber: "+47 987 65 432",
      WebsiteUrl: "https://brenneriet.no",
    });
    expect(world.shop.get("customers", shopCustomer.id)).toMatchObject({
      phone: "+47 987 65 432",
      website: "https://brenneriet.no",
    });
  });

  it("a PowerOffice product edit: one call, the shop's write", async () => {
    const { world } = await linkedWorld();
    const product = world.poweroffice.list("products").find((p) => p.Code === "KAFFE-2")!;
    const shopProduct = world.shop.list("products").find((p) => p.sku === "KAFFE-2")!;
    const from = mark(world);
    world.poweroffice.edit("products", product.Id, { UnitPrice: 99 });
    await world.cycle();
    await untilQuiet(world);
    expect(world.shop.get("products", shopProduct.id)?.price).toBe("99.00");
    const spent = since(world, from);
    expect(spent.poweroffice).toEqual([]);
    expect(spent.shop).toEqual([`PATCH /api/products/${shopProduct.id}`]);
  });

  it("a new shop order with three lines: synced where its webhook arrives, the echo recognised, no Queue message", async () => {
    const { world, shopCustomer } = await linkedWorld();
    const products = world.shop.list("products").slice(0, 3);
    const rowsBefore = await inboxRows(world);
    const created = await world.shop.fetch(
      new Request("http://shop.local/api/orders", {
        method: "POST",
        headers: {
          Authorization: `Bearer ${world.env.WEBSHOP_API_TOKEN}`,
          "Content-Type": "application/json",
          "Idempotency-Key": "steady-order",
        },
        body: JSON.stringify({
          customer_id: shopCustomer.id,
          lines: products.map((p, i) => ({ product_id: p.id, quantity: i + 1, unit_price: "100.00" })),
        }),
      }),
    );
    expect(created.status).toBe(201);
    const order = (await created.json()) as { id: string };
    const from = mark(world);
    await untilQuiet(world);

    expect(since(world, from)).toEqual({
      messages: [],
      // One create with its lines in PowerOffice, and the shop's order told its PowerOffice number.
      poweroffice: ["POST /v2/SalesOrders/Complete"],
      shop: [`PATCH /api/orders/${order.id}`],
      // order.created, and the echo of the sync's PATCH.
      deliveries: 2,
    });
    // Settled: the order's link has seen its version, so its row is deleted; the echo wrote none.
    expect(await newInboxRows(world, rowsBefore)).toEqual([]);
  });

  it("a cron run while a shop edit's webhook is being synced leaves the edit to it: one partner read, one write", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hold = { next: false, reached: false };
    // The first PowerOffice read by id after `hold.next` waits at the gate: the webhook's sync, mid-flight.
    const holding = (side: SidePort): SidePort =>
      side.side === "poweroffice"
        ? {
            ...side,
            get: async (...args) => {
              if (hold.next) {
                hold.next = false;
                hold.reached = true;
                await gate;
              }
              return side.get(...args);
            },
          }
        : side;
    const { world, customer, shopCustomer } = await linkedWorld({ overrides: { wrapSide: holding } });
    const rowsBefore = await inboxRows(world);
    const from = mark(world);
    world.shop.edit("customers", shopCustomer.id, { phone: "+47 913 13 131" });
    hold.next = true;
    const delivery = world.shop.webhooks.flush();
    while (!hold.reached) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(world.webhookAnswers.slice(from.answers)).toEqual([202]);

    // The cron's look at the shop's customers finds the edit on the feed, and its event still being synced.
    world.clock.advance(5_000);
    const report = await world.runCron();
    expect(since(world, from).poweroffice).toEqual([]);
    expect(report.feeds).toContainEqual({ dataflow: "customers", side: "webshop", outcome: "awaiting" });

    release();
    await delivery;
    expect(world.poweroffice.get("customers", customer.Id)?.PhoneNumber).toBe("+47 913 13 131");
    await untilQuiet(world);
    await expectPartnerReadAndWrite(world, from, customer.Id, rowsBefore);
  });

  it("a webhook's sync that stops short: past its time in hand, the cron syncs the edit from the feed", async () => {
    const { world, customer, from } = await editThenDie("+47 914 14 141");
    // Within its time in hand the record is left to the event; after it, the cron's own page syncs it.
    world.clock.advance(EVENT_IN_HAND_MS - 1_000);
    expect((await world.runCron()).feeds).toContainEqual({
      dataflow: "customers",
      side: "webshop",
      outcome: "awaiting",
    });
    expect(world.poweroffice.get("customers", customer.Id)?.PhoneNumber).not.toBe("+47 914 14 141");
    world.clock.advance(2_000);
    const report = await world.runCron();
    expect(report.feeds).toContainEqual(
      expect.objectContaining({ dataflow: "customers", side: "webshop", outcome: "inline" }),
    );
    expect(world.poweroffice.get("customers", customer.Id)?.PhoneNumber).toBe("+47 914 14 141");
    expect(world.queue.sent.slice(from.sent)).toEqual([]);
  });

  it("a crash after the 2xx: the row stays 'received'; after the grace period the sweep settles it, the feed having synced it", async () => {
    const { world, customer, shopCustomer, from } = await editThenDie("+47 911 11 111");
    expect(world.webhookAnswers.slice(from.answers)).toEqual([202]);
    const [row] = (await inboxRows(world)).filter((r) => r.resource_id === shopCustomer.id);
    expect(row).toMatchObject({ status: "received" });

    // Within the grace period the row may still be its invocation's: the sweep leaves it.
    world.clock.advance(STRANDED_AFTER_MS - 5_000);
    expect((await world.runCron()).sweep?.resent).toEqual([]);
    // Meanwhile that cron run read the shop's feed and synced the change: once past the grace period the sweep finds
    // the row's version seen and deletes it, with no queue message (an unseen one it sends: sweep.test.ts).
    world.clock.advance(10_000);
    const sweep = (await world.runCron()).sweep;
    expect(sweep).toMatchObject({ resent: [], settled: [row!.webhook_id] });
    await world.drainQueue();
    expect(world.poweroffice.get("customers", customer.Id)?.PhoneNumber).toBe("+47 911 11 111");
    world.clock.advance(STRANDED_AFTER_MS + 1_000);
    expect((await world.runCron()).sweep).toMatchObject({ resent: [], settled: [] });
    const patches = world.poweroffice.requests.slice(from.po).filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(1);
    expect(world.queue.sent.slice(from.sent).filter((m) => m.kind === "webshop-event")).toHaveLength(0);
    expect((await inboxRows(world)).find((r) => r.webhook_id === row!.webhook_id)).toBeUndefined();
  });
});
