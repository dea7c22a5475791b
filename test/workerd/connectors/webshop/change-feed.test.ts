import { describe, expect, it } from "vitest";
import type { Customer } from "../../../../shared/webshop";
import type { FeedPage } from "../../../../worker/connectors/webshop/change-feed";
import type { WebshopClient } from "../../../../worker/connectors/webshop/client";
import { recorder, setup, value } from "./harness";

/** Reads pages until done, as the engine does: apply the page, then store its cursor (a string in D1). */
async function drain(client: WebshopClient, cursor: string | null, limit: number) {
  const applied: Customer[] = [];
  let next = cursor;
  let pages = 0;
  for (; pages < 50; ) {
    const page = value(await client.changesPage("customers", next, { limit }));
    pages++;
    applied.push(...page.records);
    next = page.cursor;
    if (page.done) return { applied, cursor: next, pages };
  }
  throw new Error("the feed did not finish");
}

const ids = (records: { id: string }[]) => records.map((r) => r.id);

function seedCustomers(shop: ReturnType<typeof setup>["shop"], clock: ReturnType<typeof setup>["clock"], n: number) {
  return Array.from({ length: n }, (_, i) => {
    clock.advance(1000);
    return shop.seed.customer({ kind: "company", name: `Company ${i}` });
  });
}

describe("webshop change feed", () => {
  it("pages to the end in (updated_at, id) order, each record once, with the limit asked", async () => {
    const spy = recorder();
    const { client, shop, clock } = setup({ wrap: spy.wrap });
    const seeded = seedCustomers(shop, clock, 7);
    const { applied, pages, cursor } = await drain(client, null, 3);
    expect(ids(applied)).toEqual(ids(seeded));
    expect(pages).toBe(3);
    expect(typeof cursor).toBe("string");
    const queries = spy.seen.map((r) => new URL(r.url).searchParams);
    expect(queries[0]?.has("cursor")).toBe(false);
    expect(queries.map((q) => q.get("limit"))).toEqual(["3", "3", "3"]);
    expect(queries[1]?.get("cursor")).toBeTruthy();
  });

  it("resumes from a stored cursor and sees each later change exactly once", async () => {
    const { client, shop, clock } = setup();
    const seeded = seedCustomers(shop, clock, 5);
    const first = await drain(client, null, 2);
    expect(first.applied).toHaveLength(5);

    clock.advance(1000);
    const edited = shop.edit("customers", seeded[1]!.id, { name: "Company 1, renamed" });
    clock.advance(1000);
    const added = shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "Nordmann" });
    const second = await drain(client, first.cursor, 2);
    expect(ids(second.applied)).toEqual([edited.id, added.id]);
    expect(second.applied[0]?.name).toBe("Company 1, renamed");

    const third = await drain(client, second.cursor, 2);
    expect(third.applied).toEqual([]);
    expect(third.pages).toBe(1);
    // Nothing new: the stored cursor keeps working, and still sees the next change.
    clock.advance(1000);
    shop.edit("customers", seeded[0]!.id, { active: false });
    expect(ids((await drain(client, third.cursor, 2)).applied)).toEqual([seeded[0]!.id]);
  });

  it("misses nothing when a record already read is edited between two page requests", async () => {
    const { client, shop, clock } = setup();
    const seeded = seedCustomers(shop, clock, 6);
    const page1 = value(await client.changesPage("customers", null, { limit: 3 }));
    clock.advance(1000);
    shop.edit("customers", seeded[0]!.id, { name: "Edited" });
    const rest = await drain(client, page1.cursor, 3);
    expect([...ids(page1.records), ...ids(rest.applied)]).toEqual([...ids(seeded), seeded[0]!.id]);
  });

  it("starts at updated_after (exclusive) when there is no cursor yet", async () => {
    const spy = recorder();
    const { client, shop, clock } = setup({ wrap: spy.wrap });
    const seeded = seedCustomers(shop, clock, 4);
    const page = value(await client.changesPage("customers", null, { updatedAfter: seeded[1]!.updated_at, limit: 10 }));
    expect(ids(page.records)).toEqual(ids(seeded.slice(2)));
    expect(page.done).toBe(true);
    expect(new URL(spy.seen[0]!.url).searchParams.get("updated_after")).toBe(seeded[1]!.updated_at);
  });

  it("reads every page by passing each page's cursor back", async () => {
    const { client, shop, clock } = setup();
    const seeded = seedCustomers(shop, clock, 5);
    const seen: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    for (let done = false; !done; ) {
      const page: FeedPage<Customer> = value(await client.changesPage("customers", cursor, { limit: 2 }));
      seen.push(...ids(page.records));
      pages++;
      cursor = page.cursor;
      done = page.done;
    }
    expect(seen).toEqual(ids(seeded));
    expect(pages).toBe(3);
  });

  it("refuses a malformed updatedAfter or cursor before sending anything", async () => {
    const { client, shop } = setup();
    const bad = await client.changesPage("customers", null, { updatedAfter: "yesterday" });
    expect(bad).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "updatedAfter" } });
    const empty = await client.changesPage("customers", "");
    expect(empty).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "cursor" } });
    expect(shop.requests).toEqual([]);
  });

  it("reads the products and orders feeds the same way", async () => {
    const { client, shop, clock } = setup();
    const product = shop.seed.product({ sku: "SKU-1" });
    clock.advance(1000);
    const order = shop.seed.order({});
    expect(ids(value(await client.changesPage("products")).records)).toEqual([product.id]);
    expect(ids(value(await client.changesPage("orders")).records)).toEqual([order.id]);
  });
});
