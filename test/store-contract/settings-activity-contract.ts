/** Settings (null deletes) and the activity log (newest first, by dataflow or link). */
import { describe, expect, it } from "vitest";
import { anEntry, type Fixture } from "./fixtures";

export function settingsActivityContract(setup: () => Promise<Fixture>) {
  describe("settings", () => {
    it("sets, overwrites and deletes with null, on its own and in a commit", async () => {
      const { store } = await setup();
      expect(await store.settings.get("pause:customers:webshop-to-poweroffice")).toBeNull();
      await store.settings.set("pause:customers:webshop-to-poweroffice", "1");
      await store.settings.set("brake:orders", '{"archive":40,"of":100}');
      await store.settings.set("brake:orders", '{"archive":41,"of":100}');
      expect(await store.settings.get("brake:orders")).toBe('{"archive":41,"of":100}');
      await store.settings.set("pause:customers:webshop-to-poweroffice", null);
      expect(await store.settings.get("pause:customers:webshop-to-poweroffice")).toBeNull();
      await store.commit({
        links: [],
        activity: [],
        settings: { "brake:orders": null, "backfill:customers": "done", "": "" },
      });
      expect(await store.settings.get("brake:orders")).toBeNull();
      expect(await store.settings.get("backfill:customers")).toBe("done");
      expect(await store.settings.get("")).toBe("");
      await store.settings.set("never-set", null);
    });
  });

  describe("activity", () => {
    it("answers newest first, filtered by dataflow or link, up to the limit, changes and unicode intact", async () => {
      const { store } = await setup();
      await store.commit({
        links: [],
        activity: [
          anEntry({ message: "one", linkId: 1 }),
          anEntry({ message: "two", dataflow: "orders", linkId: 2, side: null, action: "conflict" }),
          anEntry({ message: "three ✓ Tromsø", linkId: 1, side: "poweroffice" }),
        ],
      });
      await store.commit({ links: [], activity: [anEntry({ message: "four", dataflow: "orders", linkId: 1 })] });
      const messages = async (...args: Parameters<typeof store.activity.recent>) =>
        (await store.activity.recent(...args)).map((e) => e.message);
      expect(await messages(10)).toEqual(["four", "three ✓ Tromsø", "two", "one"]);
      expect(await messages(2)).toEqual(["four", "three ✓ Tromsø"]);
      expect(await messages(10, { dataflow: "orders" })).toEqual(["four", "two"]);
      expect(await messages(10, { linkId: 1 })).toEqual(["four", "three ✓ Tromsø", "one"]);
      expect(await messages(10, { dataflow: "customers", linkId: 1 })).toEqual(["three ✓ Tromsø", "one"]);
      const [three] = await store.activity.recent(1, { dataflow: "customers" });
      expect(three).toEqual(anEntry({ message: "three ✓ Tromsø", linkId: 1, side: "poweroffice" }));
    });

    it("keeps the admin behind an entry (a sub, or none named), and gives the sync's own entries no actor", async () => {
      const { store } = await setup();
      const byAnna = anEntry({ message: "pushed", action: "pushed", side: null, actor: { sub: "anna@shop.no" } });
      const byNobody = anEntry({ message: "paused", action: "paused", side: null, linkId: null, actor: { sub: null } });
      await store.commit({ links: [], activity: [anEntry({ message: "sync" }), byAnna, byNobody] });
      const [paused, pushed, sync] = await store.activity.recent(3);
      expect(paused).toEqual(byNobody);
      expect(pushed).toEqual(byAnna);
      expect(sync).toEqual(anEntry({ message: "sync" }));
      expect(sync).not.toHaveProperty("actor");
    });
  });
}
