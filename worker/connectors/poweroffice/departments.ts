/**
 * Departments. https://developer.poweroffice.net/ → Departments (v2). PowerOffice creates a department inactive
 * unless IsActive: true is sent; archiving is IsActive: false (there is no IsArchived).
 */
import type { Api } from "./api";
import { type FeedCursor, type FeedPage, readChanges, readChangesPage } from "./change-feed";
import type { Result } from "./errors";
import { type Created, createOnce } from "./idempotent-create";
import { DEPARTMENT_PATCH } from "./json-patch";
import {
  checkReference,
  getIfExists,
  getRecord,
  listRecords,
  patchRecord,
  sameCode,
  sendPatch,
  type Updated,
} from "./records";
import { Department } from "./schemas";
import { readRecord } from "./validate";

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

const ENTITY = "department";
const feed = {
  entity: ENTITY,
  path: "/Departments",
  schema: Department,
  idOf: (d: Department) => String(d.Id),
  changedOf: (d: Department) => d.LastChangedDateTimeOffset,
} as const;

export function departmentsApi(api: Api) {
  const path = (id: number | string) => `/Departments/${encodeURIComponent(String(id))}`;
  const findByCode = async (code: string): Promise<Result<Department | null>> => {
    // The codes filter is comma-separated: a code containing a comma cannot be searched for, finds nothing, and a
    // repeated create then ends in PowerOffice's duplicate refusal rather than a second department.
    const found = await listRecords(api, Department, ENTITY, "/Departments", { codes: code });
    if (!found.ok) return found;
    return { ok: true, value: found.value.find((d) => sameCode(d.Code, code)) ?? null };
  };

  return {
    get: (id: number): Promise<Result<Department>> => getRecord(api, Department, ENTITY, path(id), String(id)),
    findByCode,
    changesPage: (cursor?: FeedCursor, pageSize?: number): Promise<Result<FeedPage<Department>>> =>
      readChangesPage(api, feed, cursor, pageSize),
    changes: (cursor?: FeedCursor, pageSize?: number) => readChanges(api, feed, cursor, pageSize),

    /** Creates the department once: a repeat with the same Code returns the existing one. */
    async create(input: DepartmentCreate): Promise<Result<Created<Department>>> {
      const code = checkReference(ENTITY, "Code", input.Code);
      if (!code.ok) return code;
      const body = { ...input, Code: code.value };
      return createOnce(api, {
        send: () => api.send({ method: "POST", path: "/Departments", body, entity: ENTITY }),
        read: (res) => readRecord(Department, ENTITY, res, "POST /Departments"),
        find: () => findByCode(code.value),
        get: (id) => getIfExists(api, Department, ENTITY, path(id), id),
        matches: (d) => sameCode(d.Code, code.value),
      });
    },

    /** The answer to PATCH /Departments/{id} has no documented body: `record` may be null. */
    update: (
      id: number,
      current: Partial<Department>,
      desired: DepartmentFields,
    ): Promise<Result<Updated<Department>>> =>
      patchRecord(api, Department, DEPARTMENT_PATCH, path(id), String(id), current, { ...desired }),

    archive: (id: number): Promise<Result<Updated<Department>>> =>
      sendPatch(api, Department, DEPARTMENT_PATCH, path(id), String(id), [
        { op: "replace", path: "/IsActive", value: false },
      ]),
  };
}

export type DepartmentsApi = ReturnType<typeof departmentsApi>;
