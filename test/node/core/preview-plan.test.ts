/**
 * The preview's planner (worker/core/preview-plan.ts): the first sync's matching rules over every record of both
 * sides at once, and the planner's own creates, skips and first-link differences. Whole-worker proof that the counts
 * equal what the first sync does: test/workerd/http/api/preview.test.ts.
 */
import { describe, expect, it } from "vitest";
import { matchKeyOf } from "../../../worker/core/match";
import { type PlanCreated, partitionPreview, stepCost } from "../../../worker/core/preview-partition";
import { type PreviewRecord, planPreview, planSteps } from "../../../worker/core/preview-plan";
import type { Side } from "../../../worker/core/types";

const at = Date.UTC(2026, 10, 1);

function po(id: number, code: string, extra: Record<string, unknown> = {}): PreviewRecord {
  const raw = { Id: id, Code: code, Name: `Vare ${code}`, UnitPrice: 10, IsArchived: false, ...extra };
  return {
    id: String(id),
    marker: "m",
    changedAt: at,
    archived: raw.IsArchived === true,
    raw,
    origin: null,
    label: code,
  };
}

function shop(id: string, sku: string, extra: Record<string, unknown> = {}): PreviewRecord {
  const raw = { id, sku, name: `Vare ${sku}`, price: "10.00", active: true, version: 1, ...extra };
  return { id, marker: "1", changedAt: at, archived: raw.active === false, raw, origin: null, label: sku };
}

const plan = (records: Record<Side, PreviewRecord[]>, handLinks: Array<Record<Side, string>> = []) =>
  planPreview({ dataflow: "products", records, handLinks, policy: "newest-wins", now: at });

const summary = (items: ReturnType<typeof plan>) =>
  items.map((i) => [i.action, i.poweroffice?.id ?? null, i.webshop?.id ?? null, i.matchedBy]);

describe("planPreview", () => {
  it("links one record with one by the key, with each differing property and the value kept", () => {
    const items = plan({ poweroffice: [po(1, "A", { Name: "Eple" })], webshop: [shop("s1", "a", { name: "Eplet" })] });
    expect(summary(items)).toEqual([["link", "1", "s1", "SKU"]]);
    expect(items[0]?.differences).toContainEqual({
      property: "name",
      poweroffice: "Eple",
      webshop: "Eplet",
      winner: "poweroffice",
    });
  });

  it("shows every record of a key two records of one side share as ambiguous, never guessed", () => {
    const items = plan({ poweroffice: [po(1, "A")], webshop: [shop("s1", "A"), shop("s2", "A")] });
    expect(summary(items)).toEqual([
      ["ambiguous", "1", null, null],
      ["ambiguous", null, "s1", null],
      ["ambiguous", null, "s2", null],
    ]);
    expect(items[1]?.candidates.map((c) => c.id)).toEqual(["1", "s2"]);
  });

  it("creates the first of a key only one side has; a later one then finds that create taken", () => {
    const items = plan({ poweroffice: [po(1, "A"), po(2, "A")], webshop: [] });
    expect(summary(items)).toEqual([
      ["create-in-webshop", "1", null, null],
      ["ambiguous", "2", null, null],
    ]);
  });

  it("skips an archived record without a partner, in the planner's words", () => {
    const items = plan({ poweroffice: [po(1, "A", { IsArchived: true }), po(2, "A")], webshop: [] });
    expect(summary(items)).toEqual([
      ["skip", "1", null, null],
      ["create-in-webshop", "2", null, null],
    ]);
    expect(items[0]?.reason).toMatch(/already archived/);
  });

  it("takes a link by hand before any key, and the key's other records find its records taken", () => {
    const items = plan({ poweroffice: [po(1, "A")], webshop: [shop("s1", "A"), shop("s2", "A")] }, [
      { poweroffice: "1", webshop: "s2" },
    ]);
    expect(summary(items)).toEqual([
      ["link", "1", "s2", "by hand"],
      ["ambiguous", null, "s1", null],
    ]);
  });

  it("pairs a record with the partner it names, whatever their keys", () => {
    const named = { ...shop("s9", "OTHER"), origin: "1" };
    expect(summary(plan({ poweroffice: [po(1, "A")], webshop: [named] }))).toEqual([["link", "1", "s9", "reference"]]);
  });
});

/** Every rule at once: matches, creates both ways, ambiguous, shared keys (one archived first), archived, hand links. */
function mixed(): { records: Record<Side, PreviewRecord[]>; handLinks: Array<Record<Side, string>> } {
  return {
    records: {
      poweroffice: [
        po(1, "A", { Name: "Eple" }),
        po(2, "B"),
        po(3, "C"),
        po(4, "D", { IsArchived: true }),
        po(5, "E", { IsArchived: true }),
        po(6, "E"),
        po(7, "E"),
        po(8, "F"),
        po(9, "H"),
        po(10, "I"),
        po(11, "J"),
        po(12, "J"),
        { ...po(13, "Q"), origin: "s-ref" },
      ],
      webshop: [
        shop("s1", "a", { name: "Eplet" }),
        shop("s2", "C"),
        shop("s3", "C"),
        shop("s4", "G"),
        shop("s5", "G"),
        shop("s6", "K", { active: false }),
        shop("s7", "H"),
        shop("s8", "I"),
        shop("s9", "J"),
        shop("s-ref", "R"),
        shop("s10", "L"),
      ],
    },
    handLinks: [{ poweroffice: "9", webshop: "s8" }],
  };
}

describe("the plan in steps", () => {
  it("plans the mixed records as the one-shot rules say", () => {
    const { records, handLinks } = mixed();
    expect(summary(plan(records, handLinks))).toEqual([
      ["link", "9", "s8", "by hand"],
      ["link", "13", "s-ref", "reference"],
      ["link", "1", "s1", "SKU"],
      ["create-in-webshop", "2", null, null],
      ["ambiguous", "3", null, null],
      ["skip", "4", null, null],
      ["skip", "5", null, null],
      ["create-in-webshop", "6", null, null],
      ["ambiguous", "7", null, null],
      ["create-in-webshop", "8", null, null],
      ["ambiguous", "10", null, null],
      ["ambiguous", "11", null, null],
      ["ambiguous", "12", null, null],
      ["ambiguous", null, "s2", null],
      ["ambiguous", null, "s3", null],
      ["create-in-poweroffice", null, "s4", null],
      ["ambiguous", null, "s5", null],
      ["skip", null, "s6", null],
      ["ambiguous", null, "s7", null],
      ["ambiguous", null, "s9", null],
      ["create-in-poweroffice", null, "s10", null],
    ]);
  });

  it("gives the one-shot plan's items in chunks of any size, each reading only its own records", () => {
    const { records, handLinks } = mixed();
    const whole = plan(records, handLinks);
    const keys = {
      poweroffice: records.poweroffice.map((r) => ({
        id: r.id,
        matchKey: matchKeyOf("products", "poweroffice", r.raw),
        origin: r.origin,
        label: r.label,
      })),
      webshop: records.webshop.map((r) => ({
        id: r.id,
        matchKey: matchKeyOf("products", "webshop", r.raw),
        origin: r.origin,
        label: r.label,
      })),
    };
    for (const size of [1, 2, 3, 5, 8, 100]) {
      const steps = partitionPreview({ dataflow: "products", records: keys, handLinks });
      const items: typeof whole = [];
      let created: PlanCreated = {};
      let at = 0;
      while (at < steps.length) {
        let cost = 0;
        const chunk = [];
        while (at < steps.length && (chunk.length === 0 || cost + stepCost(steps[at]!) <= size)) {
          cost += stepCost(steps[at]!);
          chunk.push(steps[at++]!);
        }
        // Only the chunk's own records, as the worker reads them by id.
        const wanted = new Set(chunk.flatMap((s) => s.records.map((r) => `${r.side}:${r.id}`)));
        const own = {
          poweroffice: records.poweroffice.filter((r) => wanted.has(`poweroffice:${r.id}`)),
          webshop: records.webshop.filter((r) => wanted.has(`webshop:${r.id}`)),
        };
        // The state carried between chunks goes through JSON, as it is stored in a setting.
        const planned = planSteps({
          dataflow: "products",
          steps: chunk,
          records: own,
          created,
          policy: "newest-wins",
          now: at,
        });
        items.push(...planned.items);
        created = JSON.parse(JSON.stringify(planned.created)) as PlanCreated;
      }
      expect(items, `chunks of ${size}`).toEqual(whole);
    }
  });
});
