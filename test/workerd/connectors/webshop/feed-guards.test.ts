import { describe, expect, it } from "vitest";
import { setup, value } from "./harness";

type Envelope = { data: Array<Record<string, unknown>>; next_cursor: unknown; has_more: boolean };
type Fetch = (request: Request) => Promise<Response>;

/** Rewrites the n-th feed answer (1-based) with `change(envelope, sentCursor)`. */
function rewriteFeedAnswer(n: number, change: (envelope: Envelope, sentCursor: string | null) => unknown) {
  let count = 0;
  return (fetch: Fetch) => async (request: Request) => {
    const res = await fetch(request);
    const url = new URL(request.url);
    if (request.method !== "GET" || !/\/customers$/.test(url.pathname) || ++count !== n) return res;
    const envelope = (await res.json()) as Envelope;
    return Response.json(change(envelope, url.searchParams.get("cursor")) ?? envelope);
  };
}

function seeded(h: ReturnType<typeof setup>, n: number) {
  for (let i = 0; i < n; i++) {
    h.clock.advance(1000);
    h.shop.seed.customer({ kind: "company", name: `Company ${i}` });
  }
}

describe("a shop that breaks the feed's rules", () => {
  it("a page out of updated_at order is refused as feed-order, not applied", async () => {
    const h = setup({ wrap: rewriteFeedAnswer(1, (e) => void e.data.reverse()) });
    seeded(h, 3);
    const result = await h.client.changesPage("customers");
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "feed-order" } });
    if (!result.ok) expect(result.error.message).toMatch(/broke its sync contract \(feed-order\).*not sorted/);
  });

  it("the same record twice at the same position is refused as feed-order", async () => {
    const h = setup({ wrap: rewriteFeedAnswer(1, (e) => void e.data.push(e.data.at(-1)!)) });
    seeded(h, 2);
    expect(await h.client.changesPage("customers")).toMatchObject({
      ok: false,
      error: { kind: "contract-violation", rule: "feed-order" },
    });
  });

  it("has_more with a next_cursor that did not move is refused as cursor-stalled (it would loop forever)", async () => {
    const h = setup({
      wrap: rewriteFeedAnswer(2, (e, sent) => ({ ...e, next_cursor: sent, has_more: true })),
    });
    seeded(h, 5);
    const first = value(await h.client.changesPage("customers", null, { limit: 2 }));
    const second = await h.client.changesPage("customers", first.cursor, { limit: 2 });
    expect(second).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "cursor-stalled" } });
    if (!second.ok) expect(second.error.message).toMatch(/did not move.*loop forever/);
  });

  it("has_more with an empty page is refused as cursor-stalled", async () => {
    const h = setup({ wrap: rewriteFeedAnswer(1, (e) => ({ ...e, data: [], has_more: true })) });
    seeded(h, 1);
    expect(await h.client.changesPage("customers")).toMatchObject({
      ok: false,
      error: { kind: "contract-violation", rule: "cursor-stalled" },
    });
  });

  it("a null next_cursor is a schema error naming next_cursor", async () => {
    const h = setup({ wrap: rewriteFeedAnswer(1, (e) => ({ ...e, next_cursor: null })) });
    seeded(h, 1);
    const result = await h.client.changesPage("customers");
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", path: "next_cursor", value: null },
    });
    if (!result.ok) expect(result.error.message).toMatch(/^The webshop's customers list has next_cursor null: /);
  });
});
