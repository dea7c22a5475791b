/**
 * docs/dataflows.md is generated from the dataflow definitions: this test fails when the committed file is stale,
 * and writes it when run with UPDATE_DOCS=1 (`npm run docs`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATAFLOW_DEFINITIONS } from "../../../worker/core/dataflows/all-dataflows";
import { renderDataflowsDoc } from "../../../worker/core/docs";
import { DATAFLOWS } from "../../../worker/core/types";

const FILE = join(process.cwd(), "docs", "dataflows.md");
const REGENERATE = "npm run docs (UPDATE_DOCS=1 npx vitest run --project node test/node/core/dataflows-doc.test.ts)";
const rendered = renderDataflowsDoc();

describe("docs/dataflows.md", () => {
  it("is what the definitions render (regenerate with the command in the message)", () => {
    if (process.env.UPDATE_DOCS === "1") writeFileSync(FILE, rendered);
    let committed = "";
    try {
      committed = readFileSync(FILE, "utf8");
    } catch {
      // Missing: reported below, with the command that writes it.
    }
    expect(committed === rendered, `docs/dataflows.md is out of date: run ${REGENERATE}`).toBe(true);
  });

  it("has the original document's shape: one section per dataflow, its sentence and its property table", () => {
    const sections = rendered.split(/^## /m).slice(1);
    expect(sections.map((s) => s.split("\n")[0])).toEqual([
      "1. Customers ⇄ Customer",
      "2. Departments ⇄ Customer (kind department)",
      "3. Product ⇄ Product",
      "4. Salesorders ⇄ Order",
      "5. Salesorderlines ⇄ Order lines",
    ]);
    expect(sections[0]).toContain(
      "Every PowerOffice Customers will be synchronized with a Custom Customer. Once a link between the two records is established it keeps in sync between the two systems, regardless of where it is edited.",
    );
    for (const section of sections) expect(section).toContain("The following properties are synchronized:");
  });

  it("lists every property mapping of every definition, with its direction", () => {
    const arrow = { both: "⇄", "to-webshop": "→", "to-poweroffice": "←" } as const;
    for (const id of DATAFLOWS) {
      const def = DATAFLOW_DEFINITIONS[id];
      for (const m of [...def.properties, ...(def.lines?.properties ?? [])]) {
        expect(rendered).toContain(`| \`${m.poweroffice}\` | ${arrow[m.direction]} |`);
      }
    }
  });

  it("changes when a definition changes (the table is the code's, not a copy)", () => {
    const mapping = DATAFLOW_DEFINITIONS.products.properties.find((m) => m.property === "gtin")!;
    const before = mapping.note;
    mapping.note = "a note only this test writes";
    try {
      expect(renderDataflowsDoc()).toContain("a note only this test writes");
    } finally {
      mapping.note = before;
    }
  });
});
