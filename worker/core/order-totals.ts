/** Order totals are computed by each side and never written: they are compared, and a real difference is flagged. */

import { toMoney } from "./money";
import type { Changes } from "./payloads";
import type { PlanBuilder } from "./plan-builder";
import { type Canonical, SIDES, type Side } from "./types";
import { sameValue } from "./values";

/** Order totals are never written; a difference beyond rounding (a cent per line) is flagged when they move. */
export function flagTotals(
  plan: PlanBuilder,
  current: Record<Side, Canonical>,
  snapshots: Record<Side, Canonical | null>,
  firstLink: boolean,
): void {
  const lineCount = Math.max(1, (current.webshop.lines as Canonical[]).length);
  const flagged: Changes = {};
  for (const p of ["total_excl_vat", "total_incl_vat"]) {
    const po = current.poweroffice[p] ?? null;
    const ws = current.webshop[p] ?? null;
    const moved = firstLink || SIDES.some((s) => !sameValue(current[s][p], snapshots[s]?.[p]));
    if (!moved || po === null || ws === null) continue;
    const cents = Math.abs(Math.round(Number(toMoney(po)) * 100) - Math.round(Number(toMoney(ws)) * 100));
    if (cents > lineCount) flagged[p] = [po, ws];
  }
  if (Object.keys(flagged).length === 0) return;
  plan.log(
    "flagged",
    null,
    `The order totals differ beyond rounding (${Object.entries(flagged)
      .map(([p, [po, ws]]) => `${p}: PowerOffice ${po}, webshop ${ws}`)
      .join("; ")}): check the lines, prices and VAT on both sides.`,
    flagged,
  );
}
