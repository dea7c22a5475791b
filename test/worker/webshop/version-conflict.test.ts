import { describe, expect, it } from "vitest";
import { buildMergePatch, MAX_REPLANS } from "../../../worker/connectors/webshop";
import { setup, value } from "./harness";

describe("a record edited in the shop between read and write", () => {
  it("412 comes back as version-conflict carrying the shop's current record; nothing is overwritten", async () => {
    const { client, shop, clock } = setup();
    const seeded = shop.seed.customer({ kind: "company", name: "Old name" });
    const read = value(await client.get("customers", seeded.id));
    clock.advance(1000);
    shop.edit("customers", seeded.id, { name: "Admin's name" });
    const result = await client.update("customers", seeded.id, { name: "Sync's name" }, { ifMatch: read.version });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "version-conflict",
        id: seeded.id,
        sentVersion: read.version,
        current: { name: "Admin's name", version: read.version + 1 },
      },
    });
    if (!result.ok) expect(result.error.message).toMatch(/changed in the webshop while the sync was updating it/);
    expect(shop.get("customers", seeded.id)?.name).toBe("Admin's name");
  });

  it("updateWithReplan re-plans from the shop's current record: the concurrent change survives", async () => {
    const { client, shop, clock } = setup();
    const seeded = shop.seed.customer({ kind: "company", name: "Old name", phone: "1" });
    let plans = 0;
    const result = await client.updateWithReplan("customers", seeded.id, (current) => {
      plans++;
      if (plans === 1) {
        clock.advance(1000);
        shop.edit("customers", seeded.id, { name: "Admin's name" }); // lands between our read and our write
      }
      // The engine's three-way merge: the name only if the shop still has the last synced one; the phone anyway.
      return buildMergePatch(current, { ...(current.name === "Old name" ? { name: "Sync's name" } : {}), phone: "2" });
    });
    expect(value(result)).toMatchObject({ sent: true, plans: 2, record: { name: "Admin's name", phone: "2" } });
    expect(shop.get("customers", seeded.id)).toMatchObject({ name: "Admin's name", phone: "2" });
    expect(plans).toBe(2);
  });

  it("updateWithReplan sends nothing when the re-plan finds nothing left to do", async () => {
    const { client, shop, clock } = setup();
    const seeded = shop.seed.product({ sku: "SKU-1", price: "10.00" });
    const result = await client.updateWithReplan("products", seeded.id, (current) => {
      if (current.price === "10.00") {
        clock.advance(1000);
        shop.edit("products", seeded.id, { price: "12.00" });
      }
      return buildMergePatch(current, { price: "12.00" });
    });
    expect(value(result)).toMatchObject({ sent: false, plans: 2, record: { price: "12.00" } });
  });

  it("updateWithReplan gives up after MAX_REPLANS on a record that keeps changing", async () => {
    const { client, shop, clock } = setup();
    const seeded = shop.seed.customer({ kind: "company", name: "A", phone: "0" });
    let plans = 0;
    const result = await client.updateWithReplan("customers", seeded.id, () => {
      plans++;
      clock.advance(1000);
      shop.edit("customers", seeded.id, { phone: String(plans) });
      return { name: "Sync's name" };
    });
    expect(plans).toBe(MAX_REPLANS);
    expect(result).toMatchObject({ ok: false, error: { kind: "version-conflict" } });
    expect(shop.get("customers", seeded.id)?.name).toBe("A");
  });

  it("catches a shop that ignores If-Match: the patch landed on a newer version", async () => {
    const { client, shop, clock } = setup({ shop: { quirks: { ignoreIfMatch: true } } });
    const seeded = shop.seed.customer({ kind: "company", name: "Old name" });
    clock.advance(1000);
    shop.edit("customers", seeded.id, { name: "Admin's name" });
    const result = await client.update("customers", seeded.id, { name: "Sync's name" }, { ifMatch: seeded.version });
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "if-match-ignored" } });
  });
});
