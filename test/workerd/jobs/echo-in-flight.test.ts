/**
 * The shop announces the sync's own writes too, and its webhook may arrive while the run that wrote is still waiting
 * for the answer, before it has committed the version it wrote: then intake's guard cannot know it for the echo.
 * Such an event finds the record's link claimed by that run, is left 'received' (no API call, no Queue message), and
 * the cron's sweep settles it against the link once the run has committed. The `created` echo of a create is not
 * recorded at all: the writer's commit has all it says, and a writer that died re-sends the create. Anything newer than what the run wrote,
 * or an event whose writer died before its commit, goes to the queue and is synced like any other event.
 */
import { describe, expect, it } from "vitest";
import type { SidePort } from "../../../worker/core/ports";
import { createWorld, type World } from "./harness";
import { linkRows } from "./tables";

type Written = "create" | "update";

/**
 * Runs `during` once, right after the first shop `method` call for customers has been answered and before the run
 * goes on to its commit; with `die`, the run then fails as an invocation cut off there would (nothing committed).
 */
function afterShopWrite(method: Written) {
  const pause: { during: (() => Promise<void>) | null; hit: boolean; die: boolean } = {
    during: null,
    hit: false,
    die: false,
  };
  const wrapSide = (side: SidePort): SidePort => {
    if (side.side !== "webshop") return side;
    const original = side[method] as (...args: unknown[]) => Promise<unknown>;
    const paused = async (...args: unknown[]) => {
      const result = await original.apply(side, args);
      const during = args[0] === "customers" ? pause.during : null;
      if (during) {
        pause.during = null;
        pause.hit = true;
        await during();
        if (pause.die) throw new Error("the invocation was cut off before its commit");
      }
      return result;
    };
    return { ...side, [method]: paused } as SidePort;
  };
  return { pause, wrapSide };
}

async function inboxRows(world: World, id: string) {
  const { results } = await world.env.DB.prepare(
    "SELECT status, outcome, note, version FROM webhook_inbox WHERE resource = 'customers' AND resource_id = ? ORDER BY version",
  )
    .bind(id)
    .all<{ status: string; outcome: string | null; note: string | null; version: number }>();
  return results;
}

/** Everything either system was asked, and the queue's messages, from here on. */
function watch(world: World) {
  const start = {
    poweroffice: world.poweroffice.requests.length,
    shop: world.shop.requests.length,
    sent: world.queue.sent.length,
  };
  return () => ({
    poweroffice: world.poweroffice.requests.slice(start.poweroffice).map((r) => `${r.method} ${r.path}`),
    shop: world.shop.requests.slice(start.shop).map((r) => `${r.method} ${r.path}`),
    sent: world.queue.sent.slice(start.sent).map((m) => m.kind),
  });
}

/**
 * The next cron run, with the shop's webhooks delivered while it writes (after its write, before its commit); returns
 * what those deliveries asked of either system and of the queue.
 */
async function cronDeliveringWhileWriting(world: World, pause: ReturnType<typeof afterShopWrite>["pause"]) {
  let whileWriting: ReturnType<ReturnType<typeof watch>> | null = null;
  pause.during = async () => {
    const seen = watch(world);
    await world.deliverWebhooks();
    whileWriting = seen();
  };
  world.clock.advance(61_000);
  await world.runCron();
  expect(pause.hit).toBe(true);
  return whileWriting;
}

/** A PowerOffice customer linked to its shop copy, every webhook delivered: the quiet start of each test. */
async function linkedCustomer(world: World, first: string) {
  const po = world.poweroffice.seed.customer({
    IsPerson: true,
    FirstName: first,
    LastName: "Ekko",
    EmailAddress: `${first.toLowerCase()}.ekko@example.no`,
  });
  for (let i = 0; i < 3; i++) await world.cycle();
  const link = (await linkRows("customers")).find((l) => l.poweroffice_id === String(po.Id))!;
  expect(link).toMatchObject({ state: "linked" });
  return { po, shopId: link.webshop_id! };
}

/** A new PowerOffice customer the next cron run creates in the shop (both feeds were read once), paused after that. */
async function aCustomerToCreate(first: string, last: string) {
  const { pause, wrapSide } = afterShopWrite("create");
  const world = await createWorld({ overrides: { wrapSide } });
  await linkedCustomer(world, "Forste");
  const email = `${first}.${last}@example.no`.toLowerCase();
  const po = world.poweroffice.seed.customer({ IsPerson: true, FirstName: first, LastName: last, EmailAddress: email });
  return { pause, world, po };
}

describe("an echo that arrives before the sync has committed its write", () => {
  it("of a PATCH: left to the run writing it, no call and no message; the sweep settles it once that run committed", async () => {
    const { pause, wrapSide } = afterShopWrite("update");
    const world = await createWorld({ overrides: { wrapSide } });
    const { po, shopId } = await linkedCustomer(world, "Patrik");
    world.poweroffice.edit("customers", po.Id, { PhoneNumber: "+47 911 22 333" });
    const answers = world.webhookAnswers.length;
    const whileWriting = await cronDeliveringWhileWriting(world, pause);
    // The echo was recorded and answered, then left alone: nothing read, nothing queued.
    expect(world.webhookAnswers.slice(answers)).toEqual([202]);
    expect(whileWriting).toEqual({ poweroffice: [], shop: [], sent: [] });
    const [echo] = await inboxRows(world, shopId);
    expect(echo).toMatchObject({ status: "received" });

    const afterCommit = watch(world);
    await world.cycle();
    // Settled: like an echo recognised at intake, it leaves no row.
    expect(await inboxRows(world, shopId)).toEqual([]);
    const after = afterCommit();
    expect(after.sent).toEqual([]);
    expect(after.poweroffice.filter((call) => /^GET \/v2\/Customers\/\d+$/.test(call))).toEqual([]);
    expect(after.shop.filter((call) => call.startsWith("GET /api/customers/"))).toEqual([]);
    expect(world.shop.get("customers", shopId)?.phone).toBe("+47 911 22 333");
  });

  it("of a create: found by the PowerOffice record it names, not even recorded; one shop customer", async () => {
    const { pause, world, po } = await aCustomerToCreate("Ny", "Ekko");
    const answers = world.webhookAnswers.length;
    const whileWriting = await cronDeliveringWhileWriting(world, pause);
    expect(whileWriting).toEqual({ poweroffice: [], shop: [], sent: [] });
    // Answered as an echo, and nothing written for it: the writer's commit has all it says.
    expect(world.webhookAnswers.slice(answers)).toEqual([202]);
    const copies = world.shop.list("customers").filter((c) => c.email === "ny.ekko@example.no");
    expect(copies).toHaveLength(1);
    expect(await inboxRows(world, copies[0]!.id)).toEqual([]);

    const afterCommit = watch(world);
    await world.cycle();
    expect(await inboxRows(world, copies[0]!.id)).toEqual([]);
    expect(afterCommit().sent).toEqual([]);
    const links = (await linkRows("customers")).filter((l) => l.poweroffice_id === String(po.Id));
    expect(links).toEqual([expect.objectContaining({ webshop_id: copies[0]!.id, state: "linked" })]);
  });

  it("of a create whose writer died before its commit: nothing recorded, the link is confirmed, one shop customer", async () => {
    const { pause, world, po } = await aCustomerToCreate("Brutt", "Skaper");
    pause.die = true;
    pause.during = () => world.deliverWebhooks();

    world.clock.advance(61_000);
    await expect(world.runCron()).rejects.toThrow(/cut off before its commit/);
    expect(pause.hit).toBe(true);
    const copies = () => world.shop.list("customers").filter((c) => c.email === "brutt.skaper@example.no");
    expect(copies()).toHaveLength(1);
    expect(await inboxRows(world, copies()[0]!.id)).toEqual([]);

    for (let i = 0; i < 3; i++) await world.cycle();
    expect(copies()).toHaveLength(1);
    const links = (await linkRows("customers")).filter((l) => l.poweroffice_id === String(po.Id));
    expect(links).toEqual([
      expect.objectContaining({ webshop_id: copies()[0]!.id, state: "linked", last_error: null }),
    ]);
    expect(world.shop.get("customers", copies()[0]!.id)).toMatchObject({ first_name: "Brutt", last_name: "Skaper" });
  });

  it("a person's edit in the same moment is newer than the write: it is synced after the writer, to PowerOffice", async () => {
    const { pause, wrapSide } = afterShopWrite("update");
    const world = await createWorld({ overrides: { wrapSide } });
    const { po, shopId } = await linkedCustomer(world, "Samtidig");
    world.poweroffice.edit("customers", po.Id, { PhoneNumber: "+47 922 00 111" });
    pause.during = async () => {
      world.shop.edit("customers", shopId, { last_name: "Ekko-Berg" });
      await world.deliverWebhooks();
    };

    world.clock.advance(61_000);
    await world.runCron();
    expect(pause.hit).toBe(true);
    expect((await inboxRows(world, shopId)).map((r) => r.status)).toEqual(["received", "received"]);

    await world.cycle();
    // The echo is settled and gone; the edit is not an echo: the shop's feed or the sweep's queue message brings it,
    // whichever comes first, and the other finds it seen. Its row is then settled too (the link has seen it).
    expect(await inboxRows(world, shopId)).toEqual([]);
    expect(world.poweroffice.get("customers", po.Id)).toMatchObject({
      LastName: "Ekko-Berg",
      PhoneNumber: "+47 922 00 111",
    });
  });

  it("whose writer died before its commit: the event is not lost, the sweep queues it and the sync ends consistent", async () => {
    const { pause, wrapSide } = afterShopWrite("update");
    const world = await createWorld({ overrides: { wrapSide } });
    const { po, shopId } = await linkedCustomer(world, "Brutt");
    world.poweroffice.edit("customers", po.Id, { PhoneNumber: "+47 933 44 555" });
    pause.die = true;
    pause.during = () => world.deliverWebhooks();

    world.clock.advance(61_000);
    await expect(world.runCron()).rejects.toThrow(/cut off before its commit/);
    expect(pause.hit).toBe(true);
    expect(await inboxRows(world, shopId)).toEqual([expect.objectContaining({ status: "received" })]);

    for (let i = 0; i < 2; i++) await world.cycle();
    // Queued by the sweep, processed, and settled: the link has seen its version, so the row is gone.
    expect(await inboxRows(world, shopId)).toEqual([]);
    expect(world.shop.get("customers", shopId)?.phone).toBe("+47 933 44 555");
    expect(world.shop.list("customers").filter((c) => c.email === "brutt.ekko@example.no")).toHaveLength(1);
    const link = (await linkRows("customers")).find((l) => l.poweroffice_id === String(po.Id));
    expect(link).toMatchObject({ webshop_id: shopId, state: "linked", last_error: null });
  });
});

describe("the echo of a write-back of a create into PowerOffice, arriving before the commit", () => {
  /** A new shop customer the next cron run creates in PowerOffice, paused after its id is written back to the shop. */
  async function aShopCustomerToCreate(first: string) {
    const { pause, wrapSide } = afterShopWrite("update");
    const world = await createWorld({ overrides: { wrapSide } });
    await linkedCustomer(world, "Forste");
    const email = `${first.toLowerCase()}.butikk@example.no`;
    const shop = world.shop.seed.customer({ kind: "person", first_name: first, last_name: "Butikk", email });
    const inPowerOffice = () => world.poweroffice.list("customers").filter((c) => c.EmailAddress === email);
    return { pause, world, shop, inPowerOffice };
  }

  it("is not even recorded: no call, no message, and the link is confirmed with one PowerOffice customer", async () => {
    const { pause, world, shop, inPowerOffice } = await aShopCustomerToCreate("Tilbake");
    const whileWriting = await cronDeliveringWhileWriting(world, pause);
    expect(whileWriting).toEqual({ poweroffice: [], shop: [], sent: [] });
    expect(await inboxRows(world, shop.id)).toEqual([]);

    await world.cycle();
    expect(await inboxRows(world, shop.id)).toEqual([]);
    expect(inPowerOffice()).toHaveLength(1);
    const link = (await linkRows("customers")).find((l) => l.webshop_id === shop.id);
    expect(link).toMatchObject({ poweroffice_id: String(inPowerOffice()[0]!.Id), state: "linked", last_error: null });
    expect(world.shop.get("customers", shop.id)?.external_ids).toMatchObject({
      poweroffice_customer: String(inPowerOffice()[0]!.Id),
    });
  });

  it("whose writer died before its commit: nothing recorded, and the next runs confirm the one PowerOffice customer", async () => {
    const { pause, world, shop, inPowerOffice } = await aShopCustomerToCreate("Avbrutt");
    pause.die = true;
    pause.during = () => world.deliverWebhooks();

    world.clock.advance(61_000);
    await expect(world.runCron()).rejects.toThrow(/cut off before its commit/);
    expect(pause.hit).toBe(true);
    expect(await inboxRows(world, shop.id)).toEqual([]);

    for (let i = 0; i < 3; i++) await world.cycle();
    expect(inPowerOffice()).toHaveLength(1);
    const link = (await linkRows("customers")).find((l) => l.webshop_id === shop.id);
    expect(link).toMatchObject({ poweroffice_id: String(inPowerOffice()[0]!.Id), state: "linked", last_error: null });
    expect(world.shop.get("customers", shop.id)?.external_ids).toMatchObject({
      poweroffice_customer: String(inPowerOffice()[0]!.Id),
    });
  });
});
