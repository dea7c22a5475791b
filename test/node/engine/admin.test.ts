/** The admin's operations, the backfill gate and races with another run, as the widget and the triggers use them. */
import { describe, expect, it } from "vitest";
import { DuplicateLinkError, type SidePort, type Store } from "../../../worker/core/ports";
import { CUSTOMERS_GATE_KEY } from "../../../worker/engine/settings";
import { setup } from "./harness";

describe("the customers backfill gate", () => {
  it("shop customers wait, in words, until both customers feeds were read, then match or are created", async () => {
    const h = setup();
    const early = h.shop.seed.customer({ kind: "company", name: "Fjordbris", organization_number: "952 601 814" });
    const fresh = h.shop.seed.customer({ kind: "company", name: "Granly AS", organization_number: "987654321" });
    const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.engine.pollPage("customers", "webshop");
    expect(h.po.count("customers")).toBe(1);
    const waiting = (await h.store.links.findBySideId("customers", "webshop", fresh.id))!;
    expect(waiting.state).toBe("pending");
    expect(waiting.lastError?.message).toMatch(/Waiting for the first read of PowerOffice/);
    expect(await h.store.settings.get(CUSTOMERS_GATE_KEY)).toBeNull();
    // The PowerOffice read: its customer waits too (its own side had not been read to its end); then the gate is
    // open, both feeds start again, and nothing is due for a retry of its own.
    await h.engine.pollPage("customers", "poweroffice");
    expect(await h.store.settings.get(CUSTOMERS_GATE_KEY)).not.toBeNull();
    expect(await h.engine.retryDue(10)).toBe(0);
    expect(h.writes()).toEqual({ poweroffice: 0, webshop: 0 });
    // The feeds read again: Fjordbris matches its PowerOffice customer, Granly is created there.
    await h.engine.pollPage("customers", "poweroffice");
    await h.engine.pollPage("customers", "webshop");
    expect((await h.store.links.findBySideId("customers", "webshop", early.id))?.ids.poweroffice).toBe(String(po.Id));
    expect(h.po.count("customers")).toBe(2);
    expect(h.shop.count("customers")).toBe(2);
  });
});

describe("unlink and link by hand", () => {
  it("unlinked records are left alone (neither matched nor created); linking them again syncs them", async () => {
    const h = setup();
    const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.cycle();
    const shop = h.shop.list("customers")[0]!;
    const link = (await h.store.links.findBySideId("customers", "poweroffice", String(po.Id)))!;
    const out = await h.engine.unlink(link.id);
    expect(out).toMatchObject({ state: "skipped", message: expect.stringMatching(/Unlinked by the admin/) });
    h.clock.advance(60_000);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 1" });
    h.shop.edit("customers", shop.id, { website: "https://x.no" });
    const before = h.writes();
    await h.cycle();
    await h.engine.syncWebshopRecord("customers", shop.id);
    expect(h.writes()).toEqual(before);
    expect([h.po.count("customers"), h.shop.count("customers")]).toEqual([1, 1]);

    const relinked = await h.engine.link("customers", String(po.Id), shop.id);
    expect(relinked.state).toBe("linked");
    expect(h.shop.get("customers", shop.id)?.phone).toBe("+47 1");
    expect(h.po.get("customers", po.Id)?.WebsiteUrl).toBe("https://x.no");
  });

  it("refuses to link a record that is linked to another one", async () => {
    const h = setup();
    const a = h.po.seed.product({ Code: "A", Name: "A" });
    const b = h.po.seed.product({ Code: "B", Name: "B" });
    await h.cycle();
    const shopA = h.shop.list("products").find((p) => p.sku === "A")!;
    const out = await h.engine.link("products", String(b.Id), shopA.id);
    expect(out.state).toBe("error");
    expect(out.message).toMatch(/already linked/);
    expect((await h.store.links.findBySideId("products", "webshop", shopA.id))?.ids.poweroffice).toBe(String(a.Id));
  });
});

describe("another run linking the same record", () => {
  it("a page commit refused for one link commits the others and the cursor", async () => {
    let refuse = true;
    let refuseSingle = true;
    const h = setup({
      wrapStore: (store: Store): Store => ({
        ...store,
        commit: async (commit) => {
          if (refuse && commit.cursor && commit.links.length > 1) {
            refuse = false;
            throw new DuplicateLinkError("webshop", "UNIQUE constraint failed: links.dataflow, links.webshop_id");
          }
          if (!refuse && refuseSingle && commit.links.length === 1 && commit.links[0]?.ids.poweroffice === firstId) {
            refuseSingle = false;
            throw new DuplicateLinkError("webshop", "UNIQUE constraint failed: links.dataflow, links.webshop_id");
          }
          return store.commit(commit);
        },
      }),
    });
    const first = h.po.seed.product({ Code: "A", Name: "A" });
    const firstId = String(first.Id);
    h.po.seed.product({ Code: "B", Name: "B" });
    await h.firstRead("products");
    const page = await h.engine.pollPage("products", "poweroffice");
    expect(page.processed).toBe(2);
    expect(await h.store.cursors.get("products", "poweroffice")).not.toBeNull();
    const links = await h.store.links.list({ dataflow: "products", limit: 10 });
    expect(links.map((l) => [l.ids.poweroffice === firstId, l.state])).toEqual([
      [true, "pending"],
      [false, "linked"],
    ]);
    expect(h.logs.join("\n")).toMatch(/lost a race/);
    // The loser was left pending with its create's reference: the retry pass confirms it, without a second create.
    h.clock.advance(10 * 60_000);
    await h.engine.retryDue(10);
    expect(h.shop.count("products")).toBe(2);
    expect((await h.store.links.list({ dataflow: "products", limit: 10 })).map((l) => l.state)).toEqual([
      "linked",
      "linked",
    ]);
  });
});

describe("a link by hand racing a sync of the same link", () => {
  it("is refused with nothing changed and nothing sent when a sync writes the link between the checks and the commit", async () => {
    let raceOnRead: (() => Promise<void>) | null = null;
    const h = setup({
      wrapSide: (side: SidePort): SidePort => ({
        ...side,
        get: async (dataflow, id) => {
          const race = raceOnRead;
          raceOnRead = null;
          if (race) await race();
          return side.get(dataflow, id);
        },
      }),
    });
    const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.cycle();
    const shop = h.shop.list("customers")[0]!;
    const link = (await h.store.links.findBySideId("customers", "poweroffice", String(po.Id)))!;
    await h.engine.unlink(link.id);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 1" });
    // While the admin's link checks read PowerOffice, another run writes the PowerOffice record's link.
    raceOnRead = async () => {
      const current = (await h.store.links.get(link.id))!;
      const { updatedAt: _u, ...write } = current;
      await h.store.commit({ links: [{ ...write, attempts: current.attempts + 1 }], activity: [] });
    };
    const before = h.writes();
    const out = await h.engine.link("customers", String(po.Id), shop.id);
    expect(out.refusal?.code).toBe("already_linked");
    expect(out.message).toMatch(/at the same moment; nothing was changed/);
    expect(h.writes()).toEqual(before);
    expect((await h.store.links.get(link.id))?.state).toBe("skipped");
    expect((await h.store.links.findBySideId("customers", "webshop", shop.id))?.ids.poweroffice).toBeNull();
    expect(h.shop.get("customers", shop.id)?.phone).not.toBe("+47 1");
  });
});
