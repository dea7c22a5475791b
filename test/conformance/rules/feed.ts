/**
 * Contract §3, the change feed: sorted by (updated_at, id), limit 1..500, next_cursor never null, an exact cursor
 * (every later change seen exactly once), updated_after exclusive.
 */
import { RESOURCES } from "../../../shared/webshop";
import { check, expectError, expectRecord, show } from "../checks";
import { feedPage, justBefore, readToEnd } from "../feed";
import type { Rule } from "../types";
import { firstDisorder, seen } from "./feed-order";

export const feedRules: Rule[] = [
  {
    id: "feed.envelope",
    title: 'Each feed answers {"data": [...], "next_cursor": "<non-empty>", "has_more": bool}',
    async run({ shop, fixtures }) {
      await Promise.all([fixtures.sharedCustomer(), fixtures.sharedProduct()]);
      await fixtures.order();
      for (const resource of RESOURCES) {
        await feedPage(shop, resource, []);
        const page = await feedPage(shop, resource, [["limit", "1"]]);
        check(
          page.data.length === 1,
          `one record on GET /${resource}?limit=1 (the kit made one)`,
          `${page.data.length}`,
        );
      }
      return "customers, products and orders answer the list envelope, with and without limit";
    },
  },
  {
    id: "feed.sorted",
    title: "The feed is sorted by (updated_at, id) ascending across pages, and a changed record moves to the end",
    async run({ shop, fixtures }) {
      const first = await fixtures.product();
      const second = await fixtures.product();
      const third = await fixtures.product();
      const changed = expectRecord(await shop.patch("products", first.id, { price: "189.00" }), 200, "PATCH price");
      const read = await readToEnd(shop, "products", { updated_after: justBefore(first.updated_at) }, 2);
      const disorder = firstDisorder(read.items);
      check(disorder === undefined, "every page and page boundary in (updated_at, id) ascending order", `${disorder}`);
      const mine = seen(read.items, [first, second, third]);
      const expected = [second.id, third.id, first.id];
      check(
        mine.join() === expected.join(),
        `the three products in the order ${expected.join(", ")} (${first.id} changed last, so it sorts last)`,
        mine.join(", "),
      );
      const last = read.items.find((record) => record.id === first.id);
      check(last?.version === changed.version, `${first.id} at version ${changed.version}`, show(last));
      return `${read.items.length} records over ${read.pages} pages of 2 in order; the changed one sorted last`;
    },
  },
  {
    id: "feed.limit",
    title: "limit takes 1 to 500; anything else is 400",
    async run({ shop, fixtures }) {
      const first = await fixtures.product();
      await fixtures.product();
      const page = await feedPage(shop, "products", [
        ["updated_after", justBefore(first.updated_at)],
        ["limit", "1"],
      ]);
      check(page.data.length === 1 && page.has_more, "limit=1: one record and has_more true", show(page));
      const max = await feedPage(shop, "products", [["limit", "500"]]);
      check(max.data.length <= 500, "limit=500: at most 500 records", `${max.data.length}`);
      const plain = await feedPage(shop, "products", []);
      check(plain.data.length <= 500, "no limit: at most 500 records", `${plain.data.length}`);
      for (const bad of ["0", "501", "-1", "abc", "1.5"]) {
        expectError(await shop.get("/products", [["limit", bad]]), 400, `GET /products?limit=${bad}`);
      }
      return "limit=1 and 500 answered; 0, 501, -1, abc and 1.5 answered 400";
    },
  },
  {
    id: "feed.cursor-never-null",
    title: "next_cursor is never null: at the end, on an empty page, and kept, it later yields new changes",
    async run({ shop, fixtures }) {
      const product = await fixtures.product();
      const read = await readToEnd(shop, "products", { updated_after: justBefore(product.updated_at) }, 100);
      const again = await feedPage(shop, "products", [["cursor", read.cursor]]);
      check(
        seen(again.data, [product]).length === 0,
        "nothing of the kit's again when asking with the last next_cursor",
        show(again.data.map((record) => record.id)),
      );
      const empty = await feedPage(shop, "products", [["updated_after", "2999-01-01T00:00:00.000Z"]]);
      check(
        !empty.has_more && empty.data.length === 0,
        "an empty page with has_more false for updated_after in 2999",
        show(empty),
      );
      const later = await fixtures.product();
      const resumed = await readToEnd(shop, "products", { cursor: again.next_cursor }, 100);
      check(
        seen(resumed.items, [later]).length === 1,
        `the product made later (${later.id}) once`,
        `${seen(resumed.items, [later]).length} times`,
      );
      return "the cursor at the end and on an empty page was a non-empty string; kept, it yielded the next change";
    },
  },
  {
    id: "feed.invalid-cursor",
    title: "A cursor the shop did not issue is 400, never a silent restart from the beginning",
    async run({ shop }) {
      expectError(await shop.get("/products", [["cursor", "not-a-cursor"]]), 400, "GET /products?cursor=not-a-cursor");
      return "answered 400";
    },
  },
  {
    id: "feed.updated-after",
    title: "updated_after starts the feed just after a time (exclusive); a malformed one is 400",
    async run({ shop, fixtures }) {
      const product = await fixtures.product();
      const after = await readToEnd(shop, "products", { updated_after: product.updated_at }, 100);
      check(
        seen(after.items, [product]).length === 0,
        `updated_after=${product.updated_at} (its own updated_at) to leave ${product.id} out`,
        "it was included",
      );
      const before = await readToEnd(shop, "products", { updated_after: justBefore(product.updated_at) }, 100);
      check(
        seen(before.items, [product]).length === 1,
        `updated_after one millisecond earlier to include ${product.id} once`,
        `${seen(before.items, [product]).length} times`,
      );
      expectError(
        await shop.get("/products", [["updated_after", "yesterday"]]),
        400,
        "GET /products?updated_after=yesterday",
      );
      return "exclusive at the record's own updated_at, inclusive a millisecond earlier; malformed answered 400";
    },
  },
];
