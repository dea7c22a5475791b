/**
 * The feed's central promise (contract §3): a kept cursor resumes exactly. Records made or changed after the
 * reader reached the end each come once; records not touched again do not come back; a record changed again comes
 * again. An offset or page-number cursor breaks this as soon as a change moves a record.
 */
import { check, expectRecord, show } from "../checks";
import { justBefore, readToEnd } from "../feed";
import type { Rule } from "../types";
import { seen } from "./feed-order";

export const feedResumeRules: Rule[] = [
  {
    id: "feed.resume-exact",
    title: "Resuming from a kept cursor yields every later change exactly once, and nothing already read",
    async run({ shop, fixtures }) {
      const a = await fixtures.product();
      const b = await fixtures.product();
      const c = await fixtures.product();
      const first = await readToEnd(shop, "products", { updated_after: justBefore(a.updated_at) }, 2);
      const initially = seen(first.items, [a, b, c]);
      check(
        initially.join() === [a.id, b.id, c.id].join(),
        `the first read (pages of 2) to hold ${a.id}, ${b.id}, ${c.id} once each, in that order`,
        show(initially),
      );

      const d = await fixtures.product();
      const changedB = expectRecord(await shop.patch("products", b.id, { price: "209.00" }), 200, "PATCH price");
      const e = await fixtures.product();
      const second = await readToEnd(shop, "products", { cursor: first.cursor }, 1);
      const resumed = seen(second.items, [a, b, c, d, e]);
      check(
        resumed.join() === [d.id, b.id, e.id].join(),
        `resuming (pages of 1) to yield ${d.id} (new), ${b.id} (changed), ${e.id} (new), once each and nothing else of the kit's`,
        show(resumed),
      );
      const again = second.items.find((record) => record.id === b.id);
      check(again?.version === changedB.version, `${b.id} at its new version ${changedB.version}`, show(again));

      const changedA = expectRecord(await shop.patch("products", a.id, { price: "179.00" }), 200, "PATCH price");
      const third = await readToEnd(shop, "products", { cursor: second.cursor }, 1);
      const last = seen(third.items, [a, b, c, d, e]);
      check(last.join() === a.id, `resuming again to yield only ${a.id}, changed again`, show(last));
      check(
        third.items.find((r) => r.id === a.id)?.version === changedA.version,
        `${a.id} at version ${changedA.version}`,
        "an older one",
      );
      return `${first.pages}+${second.pages}+${third.pages} pages: every change once, nothing read twice`;
    },
  },
];
