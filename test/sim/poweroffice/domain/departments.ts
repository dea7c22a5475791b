/** Departments: created inactive unless IsActive: true is sent; Code unique regardless of case. */
import { notFound, ProblemError } from "../core/problem";
import { type DepartmentDto, type DepartmentRow, departmentFields } from "../schema/department-fields";
import { fieldsWith } from "../schema/field-spec";
import { renderObject } from "../schema/values";
import { applyJsonPatch } from "./json-patch";
import { assertUnique, differs, nulls, pick, sameIgnoringCase } from "./rules";
import type { SimState, Writer } from "./state";

export const DEPARTMENT_TITLE = "Department validation error(s)";
const PATCHABLE = fieldsWith(departmentFields, "U");

export function createDepartment(state: SimState, input: Record<string, unknown>, writer: Writer): DepartmentRow {
  const created = (input.LastChangedDateTimeOffset as bigint | undefined) ?? state.clock.next();
  const id = (input.Id as number | undefined) ?? state.nextId("department");
  state.reserveId("department", id);
  const row = {
    ...nulls(departmentFields),
    CreatedDateTimeOffset: created,
    ...input,
    // PowerOffice creates departments inactive unless told otherwise.
    IsActive: input.IsActive === true,
    Id: id,
    LastChangedDateTimeOffset: created,
  } as DepartmentRow;
  validate(state, row);
  state.departments.put(String(id), row, writer.via === "gui");
  return row;
}

export function patchDepartment(state: SimState, id: number, operations: unknown, writer: Writer): DepartmentRow {
  const row = state.departments.get(String(id));
  if (!row) throw notFound("Department", id);
  const next = applyJsonPatch(operations, {
    current: pick(row, PATCHABLE),
    spec: departmentFields,
    model: "DepartmentPatchDto",
    title: DEPARTMENT_TITLE,
  });
  return save(state, row, { ...row, ...next } as DepartmentRow, writer);
}

export function editDepartment(state: SimState, id: number, changes: Record<string, unknown>): DepartmentRow {
  const row = state.departments.get(String(id));
  if (!row) throw new Error(`No department with id ${id}`);
  return save(state, row, { ...row, ...changes } as DepartmentRow, { via: "gui" }, changes.LastChangedDateTimeOffset);
}

function save(state: SimState, before: DepartmentRow, after: DepartmentRow, writer: Writer, at?: unknown) {
  validate(state, after);
  if (!differs(before, after, fieldsWith(departmentFields, "D")) && at === undefined) return before;
  after.LastChangedDateTimeOffset = (at as bigint | undefined) ?? state.clock.next();
  state.departments.put(String(after.Id), after, writer.via === "gui");
  return after;
}

function validate(state: SimState, row: DepartmentRow): void {
  if (!row.Name?.trim()) throw new ProblemError(400, DEPARTMENT_TITLE, "The Name field is required.");
  assertUnique(state.departments.values(), row, "Code", "department", DEPARTMENT_TITLE, sameIgnoringCase);
}

export function deleteDepartment(state: SimState, id: number, writer: Writer): void {
  if (!state.departments.get(String(id))) throw notFound("Department", id);
  const used =
    state.customers.values().some((c) => c.DepartmentId === id) ||
    state.allOrders().some((o) => o.DepartmentId === id || o.Lines.some((l) => l.DepartmentId === id));
  if (used) {
    throw new ProblemError(409, "Department conflict", `Department with id = ${id} is in use and cannot be deleted.`);
  }
  state.departments.delete(String(id), writer.via === "gui");
}

export function renderDepartment(state: SimState, row: DepartmentRow): DepartmentDto {
  return renderObject(departmentFields, row, state.render) as DepartmentDto;
}
