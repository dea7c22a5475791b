import { describe, expect, it } from "vitest";
import type { FeedCursor } from "../../../../worker/connectors/poweroffice/change-feed";
import { START_OF_FEED } from "../../../../worker/connectors/poweroffice/change-feed";
import type { Customer } from "../../../../worker/connectors/poweroffice/schemas";
import { apiRequests, setup } from "./harness";

type Client = ReturnType<typeof setup>["client"];

/** Reads pages until the feed says done, as the engine would: committing each page, then keeping its cursor. */
async function drain(client: Client, cursor: FeedCursor, pageSize: number) {
  const applied: Customer[] = [];
  let next = cursor;
  for (let guard = 0; guard < 50; guard++) {
    const page = await client.customers.changesPage(next, pageSize);
    if (!page.ok) throw new Error(page.error.message);
    applied.push(...page.value.records);
    next = JSON.parse(JSON.stringify(page.value.cursor)); // what the engine stores is JSON
    if (page.value.done) return { applied, cursor: next };
  }
  throw new Error("feed did not finish");
}

const ids = (records: Customer[]) => records.map((r) => r.Id);
const countBy = (list: number[]) => list.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<number, number>());

describe("customer change feed", () => {
  const TIE = "2026-11-26T11:00:00.1234567+00:00";
  const ONE_TICK_LATER = "2026-11-26T11:00:00.1234568+00:00";

  it("misses none and applies none twice when 7 records share a timestamp across pages of 3", async () => {
    const { client, sim } = setup();
    const early = sim.seed.customer({ Name: "Early", LastChangedDateTimeOffset: "2026-11-26T10:00:00.5+00:00" });
    const tied = Array.from({ length: 7 }, (_, i) =>
      sim.seed.customer({ Name: `Tied ${i}`, LastChangedDateTimeOffset: TIE }),
    );
    const late = sim.seed.customer({ Name: "Late", LastChangedDateTimeOffset: ONE_TICK_LATER });

    const first = await drain(client, START_OF_FEED, 3);
    const expected = [early, ...tied, late].map((c) => c.Id as number);
    expect([...ids(first.applied)].sort()).toEqual([...expected].sort());
    expect(first.cursor.at).toBe(ONE_TICK_LATER);
    expect(first.cursor.after).toBe(TIE);

    // Between polls: a tied record is edited (moves to "now"), and a new record lands on the cursor's own instant.
    const edited = sim.edit("customers", tied[3]!.Id as number, { Name: "Tied 3, edited" });
    const sameInstant = sim.seed.customer({ Name: "Same instant", LastChangedDateTimeOffset: ONE_TICK_LATER });
    const second = await drain(client, first.cursor, 3);
    expect(ids(second.applied).sort()).toEqual([edited.Id as number, sameInstant.Id as number].sort());
    expect(second.applied.find((c) => c.Id === edited.Id)?.Name).toBe("Tied 3, edited");

    const third = await drain(client, second.cursor, 3);
    expect(third.applied).toEqual([]);
  });

  it("hands on at most the page size inside a large tie group, resuming there with one read per page", async () => {
    const { client, sim } = setup();
    const tied = Array.from({ length: 40 }, (_, i) =>
      sim.seed.customer({ Name: `Bulk ${i}`, LastChangedDateTimeOffset: TIE }),
    );
    const late = sim.seed.customer({ Name: "Late", LastChangedDateTimeOffset: ONE_TICK_LATER });
    const applied: number[] = [];
    let cursor: FeedCursor = START_OF_FEED;
    let pages = 0;
    for (;;) {
      const page = await client.customers.changesPage(cursor, 3);
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.records.length).toBeLessThanOrEqual(3);
      applied.push(...ids(page.value.records));
      cursor = JSON.parse(JSON.stringify(page.value.cursor));
      pages++;
      if (page.value.done || pages > 20) break;
    }
    expect(pages).toBe(14);
    // One read per page: the records applied at the cursor's instant are asked for on top, not found by doubling.
    expect(apiRequests(sim)).toHaveLength(14);
    expect([...countBy(applied).values()].every((n) => n === 1)).toBe(true);
    expect(applied.sort()).toEqual([...tied, late].map((c) => c.Id as number).sort());
  });

  it("keeps paging right when a record already read is edited between two page requests", async () => {
    const { client, sim } = setup();
    const seeded = Array.from({ length: 6 }, (_, i) =>
      sim.seed.customer({ Name: `C${i}`, LastChangedDateTimeOffset: `2026-11-26T10:00:0${i}.0000001+00:00` }),
    );
    const page1 = await client.customers.changesPage(START_OF_FEED, 3);
    if (!page1.ok) throw new Error(page1.error.message);
    sim.edit("customers", seeded[1]!.Id as number, { Name: "C1, edited" });
    const rest = await drain(client, page1.value.cursor, 3);
    const all = [...ids(page1.value.records), ...ids(rest.applied)];
    const counts = countBy(all);
    for (const c of seeded) expect(counts.get(c.Id as number), `customer ${c.Name}`).toBe(c === seeded[1] ? 2 : 1);
  });

  it("sends the cursor percent-encoded (+ as %2B), exact to the tick, ordered and paged", async () => {
    const urls: string[] = [];
    const { client, sim } = setup({
      sim: { utcOffsetMinutes: 60 },
      wrap: (fetch) => (request) => {
        urls.push(request.url);
        return fetch(request);
      },
    });
    sim.seed.customer({ Name: "A", LastChangedDateTimeOffset: "2026-11-26T11:00:00.1234567+00:00" });
    const page = await client.customers.changesPage(START_OF_FEED, 10);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.cursor.at).toBe("2026-11-26T11:00:00.1234567+00:00");
    await client.customers.changesPage({ after: page.value.cursor.at, at: null, ids: [] }, 10);
    const last = urls[urls.length - 1]!;
    expect(last).toContain("lastChangedDateTimeOffsetGreaterThan=2026-11-26T11%3A00%3A00.1234567%2B00%3A00");
    expect(last).toContain("OrderBy=LastChangedDateTimeOffset");
    expect(last).toContain("PageNumber=1");
    expect(last).toContain("PageSize=10");
    expect(last).not.toContain("+");
  });

  it("reads 204 with an empty body as an empty, finished page", async () => {
    const { client, sim } = setup();
    const page = await client.customers.changesPage(START_OF_FEED, 10);
    expect(page).toEqual({ ok: true, value: { records: [], cursor: START_OF_FEED, done: true } });
    expect(apiRequests(sim).map((r) => r.status)).toEqual([204]);
  });

  it("stops at a full page when X-Pagination has no nextPageLink, and asks again when there is no header", async () => {
    for (const header of [JSON.stringify({ nextPageLink: null, totalCount: 3 }), null]) {
      const { client, sim } = setup({
        wrap: (fetch) => async (request) => {
          const res = await fetch(request);
          const headers = new Headers(res.headers);
          if (header) headers.set("X-Pagination", header);
          else headers.delete("X-Pagination");
          return new Response(res.body, { status: res.status, headers });
        },
      });
      for (let i = 0; i < 3; i++) sim.seed.customer({ Name: `C${i}` });
      const result = await drain(client, START_OF_FEED, 3);
      expect(result.applied).toHaveLength(3);
      expect(apiRequests(sim)).toHaveLength(header ? 1 : 2);
    }
  });

  it("refuses to page a full page that is not in timestamp order", async () => {
    const { client, sim } = setup({
      wrap: (fetch) => async (request) => {
        const res = await fetch(request);
        if (!/\/Customers$/.test(new URL(request.url).pathname) || res.status !== 200) return res;
        const list = (await res.json()) as unknown[];
        return Response.json(list.reverse());
      },
    });
    for (let i = 0; i < 3; i++) sim.seed.customer({ Name: `C${i}` });
    const page = await client.customers.changesPage(START_OF_FEED, 3);
    expect(page).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", path: "LastChangedDateTimeOffset" },
    });
  });

  it("refuses a stored cursor it did not write", async () => {
    const { client } = setup();
    const page = await client.customers.changesPage({ after: "yesterday", at: null, ids: [] });
    expect(page).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "feed cursor" } });
  });

  it("pages departments, products and sales orders the same way", async () => {
    const { client, sim } = setup();
    for (let i = 0; i < 4; i++) {
      sim.seed.department({ Name: `D${i}`, Code: `D${i}`, LastChangedDateTimeOffset: "2026-11-26T09:00:00.7+00:00" });
      sim.seed.product({ Name: `P${i}`, Code: `P${i}`, LastChangedDateTimeOffset: "2026-11-26T09:00:00.7+00:00" });
    }
    const customer = sim.seed.customer({ Name: "Buyer" });
    for (let i = 0; i < 4; i++)
      sim.seed.salesOrder({ CustomerId: customer.Id, LastChangedDateTimeOffset: "2026-11-26T09:00:00.7+00:00" });
    for (const feed of [client.departments, client.products, client.salesOrders] as const) {
      const seen: string[] = [];
      for (let cursor = START_OF_FEED, done = false; !done; ) {
        const page = await feed.changesPage(cursor, 3);
        if (!page.ok) throw new Error(page.error.message);
        seen.push(...page.value.records.map((r) => String(r.Id)));
        ({ cursor, done } = page.value);
      }
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
    }
  });
});
