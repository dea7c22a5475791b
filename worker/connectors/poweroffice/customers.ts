/**
 * Customers (contacts in the customer role). https://developer.poweroffice.net/ → Customers (v2).
 * Blind spot: LastChangedDateTimeOffset does not move when only the address or contact persons change; the
 * engine's reconcile pass covers that.
 */
import type { Api } from "./api";
import { type FeedCursor, type FeedPage, readChangesPage } from "./change-feed";
import type { Result } from "./errors";
import { type Created, createOnce } from "./idempotent-create";
import { CUSTOMER_PATCH } from "./json-patch";
import { checkReference, getIfExists, getRecord, listRecords, patchRecord, sendPatch, type Updated } from "./records";
import { type Address, Customer } from "./schemas";
import { readRecord } from "./validate";

type Maybe<T> = T | null | undefined;

/** The writable customer fields the sync uses (CustomerPostDto/CustomerPatchDto names). */
export interface CustomerFields {
  IsPerson?: Maybe<boolean>;
  /** Companies; persons need FirstName and LastName instead. */
  Name?: Maybe<string>;
  FirstName?: Maybe<string>;
  LastName?: Maybe<string>;
  EmailAddress?: Maybe<string>;
  InvoiceEmailAddress?: Maybe<string>;
  PhoneNumber?: Maybe<string>;
  OrganizationNumber?: Maybe<string>;
  WebsiteUrl?: Maybe<string>;
  MailAddress?: Maybe<Partial<Address>>;
  /** Leave empty on create: PowerOffice assigns one from the customer number series. */
  Number?: Maybe<number>;
  /** Unique too: a clash is "ExternalNumber is already in use". */
  ExternalNumber?: Maybe<number>;
  IsArchived?: Maybe<boolean>;
  DepartmentId?: Maybe<number>;
  CurrencyCode?: Maybe<string>;
}

export interface CustomerCreate extends CustomerFields {
  /** Deterministic, ≤ 50 characters: the key that makes the create safe to repeat. */
  ExternalImportReference: string;
}

const ENTITY = "customer";
const feed = {
  entity: ENTITY,
  path: "/Customers",
  schema: Customer,
  idOf: (c: Customer) => String(c.Id),
  changedOf: (c: Customer) => c.LastChangedDateTimeOffset,
} as const;

export function customersApi(api: Api) {
  const path = (id: number | string) => `/Customers/${encodeURIComponent(String(id))}`;
  const findByReference = async (reference: string): Promise<Result<Customer | null>> => {
    const found = await listRecords(api, Customer, ENTITY, "/Customers", { externalImportReference: reference });
    if (!found.ok) return found;
    return { ok: true, value: found.value.find((c) => c.ExternalImportReference === reference) ?? null };
  };

  return {
    get: (id: number): Promise<Result<Customer>> => getRecord(api, Customer, ENTITY, path(id), String(id)),

    findByReference,

    changesPage: (cursor?: FeedCursor, pageSize?: number): Promise<Result<FeedPage<Customer>>> =>
      readChangesPage(api, feed, cursor, pageSize),

    /** Creates the customer once: a repeat with the same ExternalImportReference returns the existing one. */
    async create(input: CustomerCreate): Promise<Result<Created<Customer>>> {
      const ref = checkReference(ENTITY, "ExternalImportReference", input.ExternalImportReference);
      if (!ref.ok) return ref;
      const body = { ...input, ExternalImportReference: ref.value };
      return createOnce(api, {
        send: () => api.send({ method: "POST", path: "/Customers", body, entity: ENTITY }),
        read: (res) => readRecord(Customer, ENTITY, res, "POST /Customers"),
        find: () => findByReference(ref.value),
        get: (id) => getIfExists(api, Customer, ENTITY, path(id), id),
        matches: (c) => c.ExternalImportReference === ref.value,
      });
    },

    /** PATCHes what differs between `current` (as last read) and `desired`; an empty diff sends nothing. */
    update: (id: number, current: Partial<Customer>, desired: CustomerFields): Promise<Result<Updated<Customer>>> =>
      patchRecord(api, Customer, CUSTOMER_PATCH, path(id), String(id), current, { ...desired }),

    /** IsArchived (the contact), not IsActive (the read-only customer role). Fails while it has ledger balances. */
    archive: (id: number): Promise<Result<Updated<Customer>>> =>
      sendPatch(api, Customer, CUSTOMER_PATCH, path(id), String(id), [
        { op: "replace", path: "/IsArchived", value: true },
      ]),
  };
}

export type CustomersApi = ReturnType<typeof customersApi>;
