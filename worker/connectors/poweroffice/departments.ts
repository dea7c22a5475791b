/**
 * Departments. https://developer.poweroffice.net/ → Departments (v2). PowerOffice creates a department inactive
 * unless IsActive: true is sent; archiving is IsActive: false (there is no IsArchived).
 */
import type { Api } from "./api";
import { codeKeyedApi } from "./code-keyed-api";
import { DEPARTMENT_PATCH } from "./json-patch";
import { Department } from "./schemas";

type Maybe<T> = T | null | undefined;

export interface DepartmentFields {
  Code?: Maybe<string>;
  Name?: Maybe<string>;
  /** Send true on create, or PowerOffice makes the department inactive. */
  IsActive?: Maybe<boolean>;
}

export interface DepartmentCreate extends DepartmentFields {
  /** Unique (case-insensitively, assumed): the key that makes the create safe to repeat. */
  Code: string;
  Name: string;
}

export function departmentsApi(api: Api) {
  return codeKeyedApi<Department, DepartmentFields, DepartmentCreate>(api, {
    entity: "department",
    path: "/Departments",
    schema: Department,
    patch: DEPARTMENT_PATCH,
    archive: { op: "replace", path: "/IsActive", value: false },
  });
}

export type DepartmentsApi = ReturnType<typeof departmentsApi>;
