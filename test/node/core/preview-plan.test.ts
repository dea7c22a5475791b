/**
 * The preview's planner (worker/core/preview-plan.ts): the first sync's matching rules over every record of both
 * sides at once, and the planner's own creates, skips and first-link differences. Whole-worker proof that the counts
 * equal what the first sync does: test/workerd/http/api/preview.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type PreviewRecord, planPreview } from "../../../worker/core/preview-plan";
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
