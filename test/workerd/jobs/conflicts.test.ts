/**
 * The same property changed on both sides since the last sync: each policy decides, and every conflict is recorded
 * in the activity log with both values. Changes to different properties merge.
 */
import { describe, expect, it } from "vitest";
import type { ConflictPolicy } from "../../../worker/core/types";
import { createWorld } from "./harness";
import { activityRows, linkRows } from "./tables";

async function conflictWorld(policy: ConflictPolicy) {
  const world = await createWorld({ policy });
  const product = world.poweroffice.seed.product({ Code: "TE-1", Name: "Te", Description: "Grønn te", UnitPrice: 49 });
  for (let i = 0; i < 3; i++) await world.cycle();
  const shopProduct = world.shop.list("products").find((p) => p.sku === "TE-1")!;
  expect(shopProduct.name).toBe("Te");
  /** PowerOffice changes first, the shop ten seconds later (unless `shopFirst`). */
  const editBoth = (po: Record<string, unknown>, shop: Record<string, unknown>, shopFirst = false) => {
    const edits = [
      () => world.poweroffice.edit("products", product.Id, po),
      () => world.shop.edit("products", shopProduct.id, shop),
    ];
    for (const edit of shopFirst ? edits.reverse() : edits) {
      world.clock.advance(10_000);
      edit();
    }
  };
  const both = () => ({
    poweroffice: world.poweroffice.get("products", product.Id)!,
    webshop: world.shop.get("products", shopProduct.id)!,
  });
  return { world, editBoth, both };
}

const conflictsLogged = async () => (await activityRows({ dataflow: "products", action: "conflict" })).length;

describe("conflicts", () => {
  it("newest-wins: the later change wins, and an empty value never beats a filled one", async () => {
    const { world, editBoth, both } = await conflictWorld("newest-wins");
    editBoth({ Name: "Te fra PowerOffice" }, { name: "Te fra butikken" });
    await world.cycle();
    expect(both().poweroffice.Name).toBe("Te fra butikken");
    expect(both().webshop.name).toBe("Te fra butikken");

    editBoth({ Name: "PowerOffice nyest" }, { name: "Butikken først" }, true);
    await world.cycle();
    expect(both().webshop.name).toBe("PowerOffice nyest");

    // The shop empties the description later, PowerOffice fills it earlier: filled wins over the newer empty.
    editBoth({ Description: "Sencha" }, { description: null });
    await world.cycle();
    expect(both().poweroffice.Description).toBe("Sencha");
    expect(both().webshop.description).toBe("Sencha");
    expect(await conflictsLogged()).toBeGreaterThanOrEqual(3);
  });

  it("poweroffice-wins: PowerOffice's value is kept even when the shop changed later", async () => {
    const { world, editBoth, both } = await conflictWorld("poweroffice-wins");
    editBoth({ Name: "PowerOffice vinner" }, { name: "Butikken taper" });
    await world.cycle();
    expect(both().webshop.name).toBe("PowerOffice vinner");
    expect(both().poweroffice.Name).toBe("PowerOffice vinner");
    expect(await conflictsLogged()).toBe(1);
  });

  it("webshop-wins: the shop's value is kept even when PowerOffice changed later", async () => {
    const { world, editBoth, both } = await conflictWorld("webshop-wins");
    editBoth({ Name: "PowerOffice taper" }, { name: "Butikken vinner" }, true);
    await world.cycle();
    expect(both().poweroffice.Name).toBe("Butikken vinner");
    expect(both().webshop.name).toBe("Butikken vinner");
    expect(await conflictsLogged()).toBe(1);
  });

  it("manual: neither value is written, the link waits in 'conflict' with the open conflict; other changes merge", async () => {
    const { world, editBoth, both } = await conflictWorld("manual");
    editBoth({ Name: "Navn i PowerOffice", UnitPrice: 55 }, { name: "Navn i butikken" });
    await world.cycle();
    await world.cycle();
    expect(both().poweroffice.Name).toBe("Navn i PowerOffice");
    expect(both().webshop.name).toBe("Navn i butikken");
    // The price changed on one side only: it merges.
    expect(both().webshop.price).toBe("55.00");
    const [link] = await linkRows("products");
    expect(link?.state).toBe("conflict");
    expect(JSON.parse(link?.conflicts ?? "[]")).toEqual([
      expect.objectContaining({ property: "name", poweroffice: "Navn i PowerOffice", webshop: "Navn i butikken" }),
    ]);
    expect(await conflictsLogged()).toBeGreaterThanOrEqual(1);
  });
});
