/**
 * Two runs meeting on one record that has no link yet: the PowerOffice feed's run reads a customer and looks for its
 * partner in the shop, and while it looks, the shop's webhook run links that same customer with the shop's record
 * (which names it as its partner) and commits. The feed's run must not create a second shop customer for it.
 * (Seen in a browser run of the first sync: the shop ended with a duplicate and the first record "ambiguous".)
 * In a first sync the same pair also meets from both held links: a run planned again after its link moved on must
 * still find the held link it was about to take over, and of two runs linking the pair only one sends the writes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SidePort, Store } from "../../../worker/core/ports";
import type { Side } from "../../../worker/core/types";
import { createWorld, type World } from "./harness";
import { linkRows } from "./tables";

/** The side calls a test can pause at: the first call of `method` on `side` for customers runs `during` first. */
type PausedCall = "findByMatchKey" | "get" | "update";

function pauseAt(sideName: Side, method: PausedCall) {
  const pause: { during: (() => Promise<void>) | null; hit: boolean } = { during: null, hit: false };
  const wrapSide = (side: SidePort): SidePort => {
    if (side.side !== sideName) return side;
    const original = side[method] as (...args: unknown[]) => Promise<unknown>;
    const paused = async (...args: unknown[]) => {
      const during = args[0] === "customers" ? pause.during : null;
      if (during) {
        pause.during = null;
        pause.hit = true;
        await during();
      }
      return original.apply(side, args);
    };
    return { ...side, [method]: paused } as SidePort;
  };
  return { pause, wrapSide };
}

/** Runs `during` once, the first time a run writes a new pending link, before it does. */
function pauseAtNewLink() {
  const pause: { during: (() => Promise<void>) | null; hit: boolean } = { during: null, hit: false };
  const wrapStore = (store: Store): Store => ({
    ...store,
    links: {
      ...store.links,
      insertPending: async (link, claim) => {
        const during = link.dataflow === "customers" ? pause.during : null;
        if (during) {
          pause.during = null;
          pause.hit = true;
          await during();
        }
        return store.links.insertPending(link, claim);
      },
    },
  });
  return { pause, wrapStore };
}

async function quietWorld(overrides: {
  wrapSide?: (side: SidePort) => SidePort;
  wrapStore?: (store: Store) => Store;
}): Promise<World> {
  const world = await createWorld({ overrides });
  // Both customer feeds read to their end once: records with no link are matched by lookup from here on.
  for (let i = 0; i < 3; i++) await world.cycle();
  return world;
}

/**
 * One person in both systems with one e-mail, neither linked yet; `named`: the shop's record names PowerOffice's as
 * its partner. `phone`: the shop's phone (PowerOffice has none), a difference the first link writes.
 */
function seedPair(world: World, first: string, last: string, options: { named?: boolean; phone?: string } = {}) {
  const email = `${first}.${last}@example.no`.toLowerCase();
  const po = world.poweroffice.seed.customer({ IsPerson: true, FirstName: first, LastName: last, EmailAddress: email });
  const shop = world.shop.seed.customer({
    kind: "person",
    first_name: first,
    last_name: last,
    email,
    ...(options.phone ? { phone: options.phone } : {}),
    ...(options.named === false ? {} : { external_ids: { poweroffice_customer: String(po.Id) } }),
  });
  return { email, po, shop };
}

/** The cron's runs (paused where the test says), then everything until quiet; then the one link the pair has. */
async function runUntilQuiet(world: World, email: string, poId: number) {
  world.clock.advance(61_000);
  await world.runCron();
  await world.settle();
  for (let i = 0; i < 3; i++) await world.cycle();
  expect(world.shop.list("customers").filter((c) => c.email === email)).toHaveLength(1);
  const links = (await linkRows("customers")).filter((l) => l.poweroffice_id === String(poId));
  expect(links).toHaveLength(1);
  return links[0];
}

describe("a record linked by another run while this run looks for its partner", () => {
  it("the PowerOffice feed's run leaves it to the link the webhook's run made: one shop customer, one link", async () => {
    const { pause, wrapSide } = pauseAt("webshop", "findByMatchKey");
    const world = await quietWorld({ wrapSide });
    const { email, po, shop } = seedPair(world, "Ingrid", "Haugen");
    // The shop's edit is waiting to be delivered: its run starts while the feed's run is looking the customer up.
    world.shop.edit("customers", shop.id, { phone: "+47 917 43 210" });
    pause.during = () => world.deliverWebhooks();

    const link = await runUntilQuiet(world, email, po.Id);
    expect(pause.hit).toBe(true);
    expect(link).toMatchObject({ webshop_id: shop.id, state: "linked" });
    expect(world.poweroffice.get("customers", po.Id)?.PhoneNumber).toBe("+47 917 43 210");
  });

  it("a run that matched the pair before the other run committed it plans again from that link, writing nothing stale", async () => {
    const { pause, wrapStore } = pauseAtNewLink();
    const world = await quietWorld({ wrapStore });
    const { email, po, shop } = seedPair(world, "Per", "Berg");
    world.shop.edit("customers", shop.id, { phone: "+47 936 20 118" });
    // The feed's run has matched the pair and is about to write its link; the webhook's run links, writes and commits
    // first, and the shop's phone goes to PowerOffice.
    pause.during = async () => {
      await world.deliverWebhooks();
      world.poweroffice.edit("customers", po.Id, { PhoneNumber: "+47 400 00 001" });
    };

    const link = await runUntilQuiet(world, email, po.Id);
    expect(pause.hit).toBe(true);
    expect(link).toMatchObject({ webshop_id: shop.id, state: "linked" });
    // The edit made in PowerOffice after the link is synced as a change, not undone by a first-link plan made before.
    expect(world.shop.get("customers", shop.id)?.phone).toBe("+47 400 00 001");
    expect(world.poweroffice.get("customers", po.Id)?.PhoneNumber).toBe("+47 400 00 001");
  });
});

describe("a first sync's match planned again after its link moved on", () => {
  it("still finds the partner it was about to take over: one customer on each side, one link", async () => {
    const { pause, wrapSide } = pauseAt("poweroffice", "get");
    const world = await createWorld({ overrides: { wrapSide } });
    const { email, po, shop } = seedPair(world, "Ingrid", "Haugen", { named: false });
    // In the first sync the shop customer's run finds PowerOffice's record by the links, reads it, and takes its held
    // link over. While it reads, another run writes the shop customer's own link (its rev moves on), so the run's
    // claim is refused as stale and it plans again: PowerOffice's record is still the partner, never a reason to
    // create. (The orders wait for the customers' first sync, so this read is the first PowerOffice customer read.)
    pause.during = async () => {
      const held = (await linkRows("customers")).find((l) => l.webshop_id === shop.id);
      expect(held?.poweroffice_id).toBeNull();
      await env.DB.prepare("UPDATE links SET rev = rev + 1 WHERE id = ?").bind(held!.id).run();
    };

    for (let i = 0; i < 4; i++) await world.cycle();
    expect(pause.hit).toBe(true);
    expect(world.shop.list("customers").filter((c) => c.email === email)).toHaveLength(1);
    expect(world.poweroffice.list("customers").filter((c) => c.EmailAddress === email)).toHaveLength(1);
    const links = (await linkRows("customers")).filter((l) => l.poweroffice_id === String(po.Id));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ webshop_id: shop.id, state: "linked" });
  });
});

describe("both records of a pair matched at once in a first sync, each from its own held link", () => {
  it("one run sends the first link's writes, the other leaves the pair to it: each side updated once", async () => {
    const { pause, wrapSide } = pauseAt("poweroffice", "update");
    const world = await createWorld({ overrides: { wrapSide } });
    const { po, shop } = seedPair(world, "Magnus", "Berg", { named: false, phone: "+47 913 00 777" });
    // The PowerOffice customer's run has claimed its link and is sending the shop's phone to PowerOffice; meanwhile
    // the shop's record is touched (a field PowerOffice owns) and its webhook's run matches the same pair from the
    // shop's own held link.
    pause.during = async () => {
      world.shop.edit("customers", shop.id, { customer_number: "K-1" });
      await world.deliverWebhooks();
    };

    for (let i = 0; i < 4; i++) await world.cycle();
    expect(pause.hit).toBe(true);
    const links = (await linkRows("customers")).filter((l) => l.poweroffice_id === String(po.Id));
    expect(links).toEqual([expect.objectContaining({ webshop_id: shop.id, state: "linked" })]);
    const patches = (target: { requests: Array<{ method: string; path: string }> }, id: string | number) =>
      target.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(`/${id}`)).length;
    // The first link's writes went out once: one run sent them, the other found the pair claimed and left it.
    expect(patches(world.poweroffice, po.Id)).toBe(1);
    expect(world.poweroffice.get("customers", po.Id)?.PhoneNumber).toBe("+47 913 00 777");
  });
});
