/** Dataflow 2: PowerOffice Departments ⇄ webshop customers of kind department. */
import type { DataflowDefinition } from "./definition";

export const departments: DataflowDefinition = {
  id: "departments",
  poweroffice: { entity: "Departments" },
  webshop: { entity: "Customer (kind department)", resource: "customers", kinds: ["department"] },
  properties: [
    { property: "department_code", poweroffice: "Code", webshop: "department_code", direction: "both", type: "text" },
    { property: "name", poweroffice: "Name", webshop: "name", direction: "both", type: "text" },
    {
      property: "active",
      poweroffice: "IsActive",
      webshop: "active",
      direction: "both",
      type: "boolean",
      note: "always sent when creating: PowerOffice creates departments inactive unless told otherwise",
    },
    {
      property: "external_ids.poweroffice_department",
      poweroffice: "Id",
      webshop: "external_ids.poweroffice_department",
      direction: "to-webshop",
      type: "id-text",
    },
  ],
  createConstants: { webshop: { kind: "department" } },
  activeProperty: "active",
  archive: { poweroffice: { IsActive: false }, webshop: { active: false } },
  matchRule:
    "department Code ↔ department_code, trimmed and case-insensitive (it is also the key that makes a create in PowerOffice safe to repeat). An empty code never matches.",
  lifecycle: [
    "Deactivating on one side (IsActive = false, active = false) deactivates on the other; a department deleted in the shop is deactivated in PowerOffice.",
    "A department already inactive when first seen, with no partner, is skipped (not created).",
    "A shop department that becomes a person or company is not synced as a customer: its link stays, in the error state, saying what to do (set the kind back to department, or unlink it so that it is synced as a new customer), and nothing is written until then.",
  ],
};
