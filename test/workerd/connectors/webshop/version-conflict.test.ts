import { describe, expect, it } from "vitest";
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

  it("catches a shop that ignores If-Match: the patch landed on a newer version", async () => {
    const { client, shop, clock } = setup({ shop: { quirks: { ignoreIfMatch: true } } });
    const seeded = shop.seed.customer({ kind: "company", name: "Old name" });
    clock.advance(1000);
    shop.edit("customers", seeded.id, { name: "Admin's name" });
    const result = await client.update("customers", seeded.id, { name: "Sync's name" }, { ifMatch: seeded.version });
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "if-match-ignored" } });
  });
});
