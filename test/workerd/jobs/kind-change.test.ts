/**
 * A shop customer that becomes a department, through the webhook and both feeds inside workerd: never synced as a
 * department, its customer link shows what to do, and it goes on once its kind is set back.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { linkRows } from "./tables";

describe("a shop customer that changes kind", () => {
  it("customer → department: no PowerOffice department, a visible error on its link; back to company: linked again", {
    timeout: 60_000,
  }, async () => {
    const world = await createWorld();
    const { shop, poweroffice: po } = world;
    const customer = shop.seed.customer({ kind: "company", name: "Bytter AS", organization_number: "952601814" });
    for (let i = 0; i < 2; i++) await world.cycle();
    const [link] = await linkRows("customers");
    expect(link).toMatchObject({ state: "linked", webshop_id: customer.id });

    shop.edit("customers", customer.id, { kind: "department", department_code: "77" });
    for (let i = 0; i < 2; i++) await world.cycle();
    expect(po.count("departments")).toBe(0);
    expect(await linkRows("departments")).toEqual([]);
    const refused = (await linkRows("customers"))[0];
    expect(refused).toMatchObject({ id: link!.id, state: "error", error_code: "kind-changed", next_retry_at: null });
    expect(refused?.last_error).toMatch(/set its kind back to person or company/);
    expect(po.list("customers")[0]).toMatchObject({ Name: "Bytter AS", IsArchived: false });

    shop.edit("customers", customer.id, { kind: "company", department_code: null });
    await world.cycle();
    expect((await linkRows("customers"))[0]).toMatchObject({ id: link!.id, state: "linked", error_code: null });
    expect(po.count("customers")).toBe(1);
  });
});
