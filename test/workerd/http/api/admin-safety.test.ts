/**
 * Admin actions that cannot corrupt links: ids in their one canonical form at the API boundary (and never a path
 * segment that walks the URL), relink that checks before it changes anything, link by hand that respects which
 * dataflow a record belongs to, and every admin action in the activity log with the token's `sub`.
 */
import { describe, expect, it } from "vitest";
import { ActionResultSchema, BrakeReleaseResultSchema, PauseResultSchema } from "../../../../shared/api/actions";
import { API_PATHS } from "../../../../shared/api/paths";
import { RecordResponseSchema, WebshopRecordStatusSchema } from "../../../../shared/api/records";
import { StatusResponseSchema } from "../../../../shared/api/status";
import { activityRows, linkRows } from "../../jobs/tables";
import { type ApiWorld, createApiWorld } from "./api-world";

async function linkedProduct(world: ApiWorld, code: string) {
  const po = world.poweroffice.seed.product({ Code: code, Name: `Vare ${code}`, UnitPrice: 10 });
  for (let i = 0; i < 3; i++) await world.cycle();
  const link = (await linkRows("products")).find((l) => l.poweroffice_id === String(po.Id));
  if (!link?.webshop_id || link.state !== "linked") throw new Error(`product ${code} did not link`);
  return { po, link, shopId: link.webshop_id };
}

const requestCount = (world: ApiWorld) => world.poweroffice.requests.length + world.shop.requests.length;

describe("canonical ids at every boundary", () => {
  it('"0123" is PowerOffice record 123: linking it to a second shop record is refused as already linked', async () => {
    const world = await createApiWorld();
    const { po, shopId } = await linkedProduct(world, "A");
    const other = world.shop.seed.product({ sku: "X", name: "Butikkens X", price: "55.00" });
    const before = await linkRows("products");

    const taken = await world.refused("already_linked", "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: `00${po.Id}`, webshopId: other.id },
    });
    expect(taken.message).toContain(`PowerOffice record ${po.Id} is already linked to webshop record ${shopId}`);
    expect(await linkRows("products")).toEqual(before);
    expect(world.poweroffice.get("products", po.Id)).toMatchObject({ Code: "A", Name: "Vare A" });
    expect(world.shop.get("products", other.id)).toMatchObject({ sku: "X", name: "Butikkens X" });
  });

  it("a link by hand stores the id in decimal form, and a PowerOffice id that is no integer is a 400", async () => {
    const world = await createApiWorld();
    const { po, link } = await linkedProduct(world, "B");
    await world.ok(ActionResultSchema, "DELETE", API_PATHS.link(link.id));
    const linked = await world.ok(ActionResultSchema, "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: ` 0${po.Id} `, webshopId: link.webshop_id },
    });
    expect(linked.record?.ids.poweroffice).toBe(String(po.Id));
    const bad = await world.refused("invalid_request", "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: "12a", webshopId: link.webshop_id },
    });
    expect(bad.message).toMatch(/powerofficeId.*whole number/);
    const order = await world.refused("invalid_request", "POST", API_PATHS.links, {
      body: { dataflow: "orders", powerofficeId: "123", webshopId: "o_1" },
    });
    expect(order.message).toMatch(/powerofficeId.*GUID/);
  });

  it('ids ".", ".." and ids with "/" are refused before any request leaves the worker', async () => {
    const world = await createApiWorld();
    const { link } = await linkedProduct(world, "C");
    const sent = requestCount(world);
    for (const id of [".", "..", "a/b", "../customers"]) {
      await world.refused("invalid_request", "POST", API_PATHS.push, {
        body: { resource: "customers", id },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      await world.refused("invalid_request", "POST", API_PATHS.links, {
        body: { dataflow: "products", powerofficeId: "1", webshopId: id },
      });
      await world.refused("invalid_request", "POST", API_PATHS.relink(link.id), { body: { webshopId: id } });
    }
    // "." and ".." as a path segment never reach the worker as such (URLs resolve them); an encoded "/" does.
    await world.refused("invalid_request", "GET", API_PATHS.webshopRecord("customers", "a/b"));
    expect(requestCount(world)).toBe(sent);
  });
});

describe("relink checks first, then changes in one batch", () => {
  it("a mistyped id answers 404 and leaves every link as it was", async () => {
    const world = await createApiWorld();
    const { link } = await linkedProduct(world, "D");
    const before = await linkRows("products");
    const missing = await world.refused("record_not_found", "POST", API_PATHS.relink(link.id), {
      body: { webshopId: "no-such-product" },
    });
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/no-such-product/);
    const missingPo = await world.refused("record_not_found", "POST", API_PATHS.relink(link.id), {
      body: { powerofficeId: "999999" },
    });
    expect(missingPo.message).toMatch(/999999/);
    expect(await linkRows("products")).toEqual(before);
  });

  it("a record that cannot be read now answers 424 and leaves every link as it was", async () => {
    const world = await createApiWorld();
    const { link } = await linkedProduct(world, "E");
    const other = world.shop.seed.product({ sku: "E2", name: "E2", price: "1.00" });
    const before = await linkRows("products");
    world.shop.faults.add({
      kind: "status",
      status: 503,
      method: "GET",
      path: `/products/${other.id}`,
      times: Infinity,
    });
    const unreadable = await world.refused("record_unreadable", "POST", API_PATHS.relink(link.id), {
      body: { webshopId: other.id },
    });
    expect(unreadable.status).toBe(424);
    expect(unreadable.message).toMatch(/try again/i);
    expect(await linkRows("products")).toEqual(before);
  });

  it("a relink that goes through separates the old pair and links the new one in the same step", async () => {
    const world = await createApiWorld();
    const { po, link, shopId } = await linkedProduct(world, "F");
    const other = world.shop.seed.product({ sku: "F2", name: "F2", price: "1.00" });
    world.shop.remove("products", shopId);
    const relinked = await world.ok(ActionResultSchema, "POST", API_PATHS.relink(link.id), {
      body: { webshopId: other.id },
    });
    expect(relinked.record?.ids).toEqual({ poweroffice: String(po.Id), webshop: other.id });
    const rows = await linkRows("products");
    expect(rows.filter((r) => r.webshop_id === shopId).map((r) => r.state)).toEqual(["skipped"]);
  });
});

describe("link by hand checks the dataflow", () => {
  it("a shop company cannot be linked as a department, nor a shop department as a customer", async () => {
    const world = await createApiWorld();
    const company = world.shop.seed.customer({ kind: "company", name: "Firma AS" });
    const shopDepartment = world.shop.seed.customer({ kind: "department", name: "Lager", department_code: "L1" });
    const department = world.poweroffice.seed.department({ Code: "D9", Name: "Avdeling 9" });
    const customer = world.poweroffice.seed.customer({ Name: "Kunde AS" });

    const asDepartment = await world.refused("wrong_dataflow", "POST", API_PATHS.links, {
      body: { dataflow: "departments", powerofficeId: String(department.Id), webshopId: company.id },
    });
    expect(asDepartment.message).toMatch(/company.*customers dataflow/);
    const asCustomer = await world.refused("wrong_dataflow", "POST", API_PATHS.links, {
      body: { dataflow: "customers", powerofficeId: String(customer.Id), webshopId: shopDepartment.id },
    });
    expect(asCustomer.message).toMatch(/department.*departments dataflow/);
    expect(await linkRows()).toEqual([]);
    expect(world.poweroffice.get("departments", department.Id)).toMatchObject({ Name: "Avdeling 9" });
  });

  it("a shop customer linked in one dataflow is refused in the other", async () => {
    const world = await createApiWorld();
    const department = world.poweroffice.seed.department({ Code: "D7", Name: "Avdeling 7" });
    for (let i = 0; i < 3; i++) await world.cycle();
    const held = (await linkRows("departments")).find((l) => l.poweroffice_id === String(department.Id))!;
    const customer = world.poweroffice.seed.customer({ Name: "Kunde AS" });
    const twice = await world.refused("already_linked", "POST", API_PATHS.links, {
      body: { dataflow: "customers", powerofficeId: String(customer.Id), webshopId: held.webshop_id },
    });
    expect(twice.message).toMatch(/departments dataflow/);
    expect(await linkRows("customers")).toEqual([]);
  });
});

describe("every admin action is in the activity log with the token's sub", () => {
  it("push, retry, replay, link, unlink, relink, resolve, pause and resume each leave an entry naming the admin", async () => {
    const world = await createApiWorld({ policy: "manual" });
    const { po, link, shopId } = await linkedProduct(world, "G");
    const shopCustomer = world.shop.seed.customer({ kind: "company", name: "Push AS" });

    await world.ok(WebshopRecordStatusSchema, "POST", API_PATHS.push, {
      body: { resource: "customers", id: shopCustomer.id },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    await world.ok(ActionResultSchema, "POST", API_PATHS.retry(link.id));
    await world.ok(ActionResultSchema, "POST", API_PATHS.replay(link.id));
    world.clock.advance(10_000);
    world.poweroffice.edit("products", po.Id, { Name: "Fra PowerOffice" });
    world.clock.advance(10_000);
    world.shop.edit("products", shopId, { name: "Fra butikken" });
    await world.cycle();
    await world.ok(ActionResultSchema, "POST", API_PATHS.resolve(link.id), { body: { choices: { name: "webshop" } } });
    await world.ok(ActionResultSchema, "DELETE", API_PATHS.link(link.id));
    await world.ok(ActionResultSchema, "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: String(po.Id), webshopId: shopId },
    });
    const other = world.shop.seed.product({ sku: "G2", name: "G2", price: "1.00" });
    world.shop.remove("products", shopId);
    await world.ok(ActionResultSchema, "POST", API_PATHS.relink(link.id), { body: { webshopId: other.id } });
    await world.ok(PauseResultSchema, "POST", API_PATHS.pause("products", "poweroffice-to-webshop"));
    await world.ok(PauseResultSchema, "POST", API_PATHS.resume("products", "poweroffice-to-webshop"));
    await world.ok(BrakeReleaseResultSchema, "POST", API_PATHS.releaseBrake("products"));

    const audited = (await activityRows()).filter((row) => row.actor !== null);
    expect(audited.map((row) => row.action)).toEqual([
      "pushed",
      "retried",
      "replayed",
      "resolved",
      "unlinked",
      "linked",
      "relinked",
      "paused",
      "resumed",
      "braked",
    ]);
    for (const row of audited) expect(JSON.parse(row.actor!)).toEqual({ sub: "test-admin" });

    const detail = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(link.id));
    const relinked = detail.record.history.find((entry) => entry.action === "relinked");
    expect(relinked?.actor).toEqual({ sub: "test-admin" });
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status);
    expect(status.recentActivity.find((entry) => entry.action === "resumed")?.actor).toEqual({ sub: "test-admin" });
    expect(status.recentActivity.filter((entry) => entry.action === "updated").every((e) => e.actor === null)).toBe(
      true,
    );
  });

  it("a refused action changes nothing and is not in the log", async () => {
    const world = await createApiWorld();
    const { link } = await linkedProduct(world, "H");
    const before = await activityRows();
    await world.refused("record_not_found", "POST", API_PATHS.relink(link.id), { body: { webshopId: "nope" } });
    expect(await activityRows()).toEqual(before);
  });
});
