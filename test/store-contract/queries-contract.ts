/** The engine's and the admin's reads: due retries, the filtered and paged list, counts per state. */
import { describe, expect, it } from "vitest";
import type { LinkWrite } from "../../worker/core/ports";
import { LINK_STATES } from "../../worker/core/types";
import { aFullLink, aLink, type Fixture } from "./fixtures";

export function queriesContract(setup: () => Promise<Fixture>) {
  describe("links: due", () => {
    it("answers links due at or before now, soonest first, equal times by id, up to the limit", async () => {
      const { store } = await setup();
      const at = (nextRetryAt: string | null) => store.links.insertPending(aLink({ state: "error", nextRetryAt }));
      const late = await at("2026-05-01T09:00:00.000Z");
      const early = await at("2026-05-01T07:00:00.000Z");
      const tieA = await at("2026-05-01T08:00:00.000Z");
      const tieB = await at("2026-05-01T08:00:00.000Z");
      await at("2026-05-01T09:00:00.001Z");
      await at(null);
      const ids = async (now: string, limit: number) => (await store.links.due(now, limit)).map((l) => l.id);
      expect(await ids("2026-05-01T09:00:00.000Z", 10)).toEqual([early.id, tieA.id, tieB.id, late.id]);
      expect(await ids("2026-05-01T09:00:00.000Z", 2)).toEqual([early.id, tieA.id]);
      expect(await ids("2026-05-01T10:00:00+02:00", 10)).toEqual([early.id, tieA.id, tieB.id]);
      expect(await ids("2026-05-01T06:59:59.999Z", 10)).toEqual([]);
    });
  });

  describe("links: openOrderIds", () => {
    const order = (state: "linked" | "conflict" | "archived" | "error" | "pending", poweroffice: string | null) =>
      aLink({ dataflow: "orders", state, ids: { poweroffice, webshop: `ord_${poweroffice ?? "x"}` } });

    it("answers the PowerOffice ids of orders' links in linked or conflict, in id order, up to the limit", async () => {
      const { store } = await setup();
      const a = await store.links.insertPending(order("linked", "a1"));
      await store.links.insertPending(order("archived", "a2"));
      const c = await store.links.insertPending(order("conflict", "a3"));
      await store.links.insertPending(order("error", "a4"));
      await store.links.insertPending(order("pending", "a5"));
      await store.links.insertPending(order("linked", null));
      await store.links.insertPending(
        aLink({ dataflow: "customers", state: "linked", ids: { poweroffice: "a6", webshop: null } }),
      );
      const e = await store.links.insertPending(order("linked", "a7"));
      const all = [
        { linkId: a.id, id: "a1" },
        { linkId: c.id, id: "a3" },
        { linkId: e.id, id: "a7" },
      ];
      expect(await store.links.openOrderIds(10)).toEqual(all);
      const two = await store.links.openOrderIds(2);
      expect(two).toHaveLength(2);
      for (const link of two) expect(all).toContainEqual(link);
      // A smaller limit asked before does not stand in for a larger one.
      expect(await store.links.openOrderIds(10)).toEqual(all);
      await expect(store.links.openOrderIds(0)).rejects.toThrow(/limit/);
    });

    it("follows every move of a link into or out of the set, and of an open link's PowerOffice id", async () => {
      const { store } = await setup();
      const ids = async () => (await store.links.openOrderIds(50)).map((link) => link.id);
      const move = async (link: { id: number }, change: Partial<LinkWrite>) => {
        const now = await store.links.get(link.id);
        if (now === null) throw new Error(`link ${link.id} is gone`);
        await store.commit({ links: [{ ...now, ...change }], activity: [] });
      };
      const first = await store.links.insertPending(order("linked", "b1"));
      const pending = await store.links.insertPending(order("pending", null));
      expect(await ids()).toEqual(["b1"]);
      expect(await ids()).toEqual(["b1"]); // asked again with nothing moved

      await move(pending, { state: "linked", ids: { poweroffice: "b2", webshop: "ord_b2" } });
      expect(await ids()).toEqual(["b1", "b2"]);
      await move(first, { state: "conflict" });
      expect(await ids()).toEqual(["b1", "b2"]);
      await move(first, { state: "archived" });
      expect(await ids()).toEqual(["b2"]);
      await move(pending, { state: "error" });
      expect(await ids()).toEqual([]);
      await move(pending, { state: "linked" });
      expect(await ids()).toEqual(["b2"]);
      await move(pending, { ids: { poweroffice: "b3", webshop: "ord_b2" } });
      expect(await ids()).toEqual(["b3"]);
      const inserted = await store.links.insertPending(order("conflict", "b4"));
      expect(await store.links.openOrderIds(50)).toEqual([
        { linkId: pending.id, id: "b3" },
        { linkId: inserted.id, id: "b4" },
      ]);
    });
  });

  describe("links: countUpTo", () => {
    it("counts a dataflow's links in every state, up to the limit", async () => {
      const { store } = await setup();
      for (const state of ["pending", "linked", "archived", "error"] as const)
        await store.links.insertPending(aLink({ dataflow: "products", state }));
      await store.links.insertPending(aLink({ dataflow: "customers", state: "linked" }));
      expect(await store.links.countUpTo("products", 10)).toBe(4);
      expect(await store.links.countUpTo("products", 3)).toBe(3);
      expect(await store.links.countUpTo("customers", 10)).toBe(1);
      expect(await store.links.countUpTo("orders", 10)).toBe(0);
      await expect(store.links.countUpTo("products", 0)).rejects.toThrow(/limit/);
    });
  });

  describe("links: list", () => {
    it("filters by dataflow and state, and pages by id", async () => {
      const { store } = await setup();
      const written = [];
      for (let i = 0; i < 7; i++) {
        written.push(
          await store.links.insertPending(
            aLink({ dataflow: i % 2 ? "products" : "customers", state: i % 3 ? "linked" : "error" }),
          ),
        );
      }
      const ids = (links: { id: number }[]) => links.map((l) => l.id);
      expect(ids(await store.links.list({ dataflow: "products", limit: 10 }))).toEqual(
        ids(written.filter((_, i) => i % 2)),
      );
      expect(ids(await store.links.list({ state: "error", limit: 10 }))).toEqual(
        ids(written.filter((_, i) => !(i % 3))),
      );
      expect(ids(await store.links.list({ dataflow: "customers", state: "linked", limit: 10 }))).toEqual(
        ids(written.filter((_, i) => !(i % 2) && i % 3)),
      );
      const pages: number[][] = [];
      let afterId: number | undefined;
      for (;;) {
        const page = await store.links.list({ limit: 3, ...(afterId === undefined ? {} : { afterId }) });
        if (page.length === 0) break;
        pages.push(ids(page));
        afterId = page.at(-1)!.id;
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(ids(written));
    });

    it("searches ids, match keys and text in the snapshots, ignoring case, never property names", async () => {
      const { store } = await setup();
      const full = await store.links.insertPending(aFullLink());
      const other = await store.links.insertPending(
        aLink({
          ids: { poweroffice: "31337", webshop: "cus_other" },
          matchKeys: { poweroffice: "kari@example.no", webshop: null },
          snapshots: { poweroffice: null, webshop: { name: "Kari Nordmann", sku: "ABC-1" } },
        }),
      );
      const search = async (term: string) => (await store.links.list({ search: term, limit: 10 })).map((l) => l.id);
      expect(await search("31337")).toEqual([other.id]);
      expect(await search("CUS_OTHER")).toEqual([other.id]);
      expect(await search("KARI@example")).toEqual([other.id]);
      expect(await search("nordmann")).toEqual([other.id]);
      expect(await search("abc-1")).toEqual([other.id]);
      expect(await search("syltetøy as")).toEqual([full.id]);
      expect(await search("10042")).toEqual([full.id]);
      expect(await search('quote " backslash')).toEqual([full.id]);
      expect(await search("name")).toEqual([]);
      expect(await search("billing_address")).toEqual([]);
      expect(await search("true")).toEqual([]);
      expect(await search("   ")).toEqual([full.id, other.id]);
      expect(await store.links.list({ search: "nordmann", dataflow: "products", limit: 10 })).toEqual([]);
    });

    it("searches what each link holds now: a committed change is found by its new text, never its old", async () => {
      const { store } = await setup();
      const link = await store.links.insertPending(
        aLink({ snapshots: { poweroffice: { name: "Gammel Bakeri AS" }, webshop: null } }),
      );
      await store.commit({
        links: [
          {
            ...link,
            ids: { poweroffice: link.ids.poweroffice, webshop: "cus_renamed" },
            snapshots: {
              poweroffice: { name: "Nytt Bakeri AS", lines: [{ sku: "BRØD-1" }] },
              webshop: null,
            },
          },
        ],
        activity: [],
      });
      const search = async (term: string) => (await store.links.list({ search: term, limit: 10 })).map((l) => l.id);
      expect(await search("nytt bakeri")).toEqual([link.id]);
      expect(await search("bRØD-1")).toEqual([link.id]);
      expect(await search("CUS_RENAMED")).toEqual([link.id]);
      expect(await search("gammel")).toEqual([]);
      // One value at a time: a term spanning two values (the name's end and the sku's start) finds nothing.
      expect(await search("as brØ")).toEqual([]);
      expect(await search("AS\u001fbrØ")).toEqual([]);
    });

    it("folds case in ASCII only, as SQLite's lower() does", async () => {
      const { store } = await setup();
      await store.links.insertPending(aLink({ snapshots: { poweroffice: { name: "ØRSTA Bil" }, webshop: null } }));
      expect(await store.links.list({ search: "ørsta", limit: 10 })).toEqual([]);
      expect(await store.links.list({ search: "ØRSTA bil", limit: 10 })).toHaveLength(1);
    });
  });

  describe("links: countByState", () => {
    it("counts every state, zero included, overall and per dataflow", async () => {
      const { store } = await setup();
      const zero = Object.fromEntries(LINK_STATES.map((s) => [s, 0]));
      expect(await store.links.countByState()).toEqual(zero);
      await store.commit({
        links: [
          aLink({ state: "linked" }),
          aLink({ state: "linked" }),
          aLink({ state: "ambiguous" }),
          aLink({ dataflow: "orders", state: "linked" }),
        ],
        activity: [],
      });
      expect(await store.links.countByState()).toEqual({ ...zero, linked: 3, ambiguous: 1 });
      expect(await store.links.countByState("customers")).toEqual({ ...zero, linked: 2, ambiguous: 1 });
      expect(await store.links.countByState("departments")).toEqual(zero);
    });
  });
}
