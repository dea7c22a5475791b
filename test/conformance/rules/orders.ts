/** Contract §2, orders: lines are ordered with ids stable for the life of the order; totals are the shop's sums. */
import { check, expectRecord, show } from "../checks";
import type { Rule } from "../types";

type LineShape = { id: string; quantity: number; unit_price: string; description: string | null };

const lines = (record: Record<string, unknown>) => (record.lines ?? []) as LineShape[];

export const orderRules: Rule[] = [
  {
    id: "orders.lines",
    title: "Line ids are stable: PATCH lines keeps the lines sent with their id, drops the others, adds new ones",
    async run({ shop, fixtures }) {
      const order = await fixtures.order();
      const [coffee, freight] = lines(order);
      check(coffee && freight && coffee.id !== freight.id, "two lines with distinct ids", show(order.lines));
      const status = expectRecord(await shop.patch("orders", order.id, { status: "confirmed" }), 200, "PATCH status");
      check(
        lines(status)
          .map((l) => l.id)
          .join() === [coffee.id, freight.id].join(),
        "the same line ids after a PATCH of status only",
        show(status.lines),
      );
      const patch = {
        lines: [
          { id: coffee.id, quantity: 3, unit_price: "199.00" },
          { description: "Kaffekvern", quantity: 1, unit_price: "349.00", discount_percent: 10 },
        ],
      };
      const after = expectRecord(await shop.patch("orders", order.id, patch), 200, "PATCH lines");
      const [kept, added, extra] = lines(after);
      check(
        kept?.id === coffee.id &&
          kept.quantity === 3 &&
          added &&
          added.id !== freight.id &&
          added.id !== coffee.id &&
          !extra,
        `lines [${coffee.id} with quantity 3, a new line]; ${freight.id} removed`,
        show(after.lines),
      );
      return `kept ${coffee.id}, removed ${freight.id}, added ${added.id}`;
    },
  },
  {
    id: "orders.totals",
    title: "total_excl_vat is the sum of quantity × unit_price less discount; total_incl_vat is not below it",
    async run({ shop, fixtures }) {
      const order = await fixtures.order();
      check(
        order.total_excl_vat === "497.00",
        'total_excl_vat "497.00" for 2 × 199.00 + 1 × 99.00',
        show(order.total_excl_vat),
      );
      const patch = {
        lines: [
          ...lines(order).map((l) => ({ id: l.id, quantity: l.quantity, unit_price: l.unit_price })),
          { description: "Kaffekvern", quantity: 1, unit_price: "349.00", discount_percent: 10 },
        ],
      };
      const after = expectRecord(await shop.patch("orders", order.id, patch), 200, "PATCH lines");
      check(
        after.total_excl_vat === "811.10",
        'total_excl_vat "811.10" after adding 349.00 at 10 % discount',
        show(after.total_excl_vat),
      );
      check(
        Number(after.total_incl_vat) >= Number(after.total_excl_vat),
        "total_incl_vat not below total_excl_vat",
        show({ total_excl_vat: after.total_excl_vat, total_incl_vat: after.total_incl_vat }),
      );
      return `497.00 → 811.10 excl. VAT (${after.total_incl_vat} incl.)`;
    },
  },
];
