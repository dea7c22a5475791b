/** DepartmentDto / DepartmentPostDto / DepartmentPatchDto, as in PowerOffice's v2 API. */
import { type DtoOf, field, type PostOf, type RowOf } from "./field-spec";

export const departmentFields = {
  Code: field("string?", "DPU"),
  CreatedDateTimeOffset: field("datetime", "D"),
  CreatedFromImportJournalId: field("uuid?", "D"),
  Id: field("int", "D"),
  IsActive: field("bool?", "DPU"),
  LastChangedDateTimeOffset: field("datetime", "D"),
  ManagerEmployeeId: field("int?", "DPU"),
  ManagerEmployeeNo: field("int?", "DP"),
  Name: field("string?", "DPU"),
};

export type DepartmentDto = DtoOf<typeof departmentFields>;
export type DepartmentPostDto = PostOf<typeof departmentFields>;
export type DepartmentRow = RowOf<typeof departmentFields>;
