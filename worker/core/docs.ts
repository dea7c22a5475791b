/**
 * Renders docs/dataflows.md from the dataflow definitions, in the shape of the original dataflow document: one
 * section per dataflow, "The following properties are synchronized", the property table, the match rule, the lifecycle.
 */
import { CONVERSIONS } from "./conversions";
import { DATAFLOW_DEFINITIONS } from "./dataflows/all-dataflows";
import type { MappingDirection, PropertyMapping, RecordDefinition } from "./dataflows/definition";
import { CONFLICT_POLICIES, DATAFLOWS } from "./types";

const ARROW: Record<MappingDirection, string> = { both: "⇄", "to-webshop": "→", "to-poweroffice": "←" };

const cell = (s: string) => s.replace(/\|/g, "\\|");
const code = (s: string) => (s.startsWith("(") ? s : `\`${s}\``);

function conversion(mapping: PropertyMapping): string {
  const parts = [CONVERSIONS[mapping.type].label];
  if (mapping.note) parts.push(mapping.note);
  return parts.join("; ");
}

function table(def: RecordDefinition): string[] {
  return [
    "| PowerOffice GO property | direction | webshop property | conversion |",
    "|---|:-:|---|---|",
    ...def.properties.map(
      (m) => `| ${code(m.poweroffice)} | ${ARROW[m.direction]} | ${cell(code(m.webshop))} | ${cell(conversion(m))} |`,
    ),
  ];
}

export function renderDataflowsDoc(): string {
  const out: string[] = [
    "# Dataflows",
    "",
    "<!-- Generated from worker/core/dataflows/*.ts by `npm run docs`; a test fails when this file is stale. Do not edit by hand. -->",
    "",
    "The sync runs these dataflows between PowerOffice GO (API v2) and the Custom Webshop, both ways. Each mapping",
    "below is the code's own definition: the sync maps records with it, and this page is generated from it.",
    "",
    "Directions: ⇄ both ways, → only from PowerOffice to the webshop, ← only from the webshop to PowerOffice.",
    `When the same property changed on both sides since the last sync, the configured conflict policy decides (${CONFLICT_POLICIES.map((p) => `\`${p}\``).join(", ")}; the default \`newest-wins\` never lets an empty value beat a filled one), and the conflict is recorded.`,
    "When two existing records are linked for the first time, a filled value beats an empty one and, where both are filled and differ, PowerOffice's value is kept; each difference is recorded.",
    "Nothing is ever hard-deleted by the sync.",
  ];
  let n = 0;
  for (const id of DATAFLOWS) {
    const def = DATAFLOW_DEFINITIONS[id];
    n += 1;
    out.push(
      "",
      `## ${n}. ${def.poweroffice.entity} ⇄ ${def.webshop.entity}`,
      "",
      `Every PowerOffice ${def.poweroffice.entity} will be synchronized with a Custom ${def.webshop.entity}. Once a link between the two records is established it keeps in sync between the two systems, regardless of where it is edited.`,
      "",
      "The following properties are synchronized:",
      "",
      ...table(def),
      "",
      `**Matching** (records not linked yet): ${def.matchRule}`,
      "",
      "**Lifecycle**:",
      ...def.lifecycle.map((line) => `- ${line}`),
    );
    if (def.lines) {
      n += 1;
      const lines = def.lines;
      out.push(
        "",
        `## ${n}. ${lines.poweroffice.entity} ⇄ ${lines.webshop.entity}s`,
        "",
        `Every PowerOffice ${lines.poweroffice.entity.replace(/s$/, "")} will be synchronized with a Custom ${lines.webshop.entity} of the linked order. ${lines.intro}`,
        "",
        "The following properties are synchronized:",
        "",
        ...table(lines),
        "",
        `**Pairing**: ${lines.pairing}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}
