/**
 * Customers (contacts): create, JSON Patch, GUI edit, delete, render. Reproduces the number series, person/company
 * name rules, unique ExternalImportReference/ExternalNumber, and the blind spot that an address change does not move
 * the customer's LastChangedDateTimeOffset.
 */
import { notFound, ProblemError } from "../core/problem";
import { addressFields, type CustomerDto, type CustomerRow, customerFields } from "../schema/customer-fields";
import { fieldsWith } from "../schema/field-spec";
import { renderObject } from "../schema/values";
import { applyJsonPatch } from "./json-patch";
import { assertUnique, departmentCode, differs, nulls, pick, resolveDepartment } from "./rules";
import type { SimState, Writer } from "./state";

export const CUSTOMER_TITLE = "Customer validation error(s)";
// The default customer sub-ledger number series of a PowerOffice client.
export const CUSTOMER_NUMBER_SERIES = { from: 10000, to: 19999 };
const PATCHABLE = fieldsWith(customerFields, "U");
const TRACKED = PATCHABLE.filter((k) => k !== "MailAddress");

/** `input` holds values already read by the field specs (PostDto fields, or any DTO field when seeding). */
export function createCustomer(state: SimState, input: Record<string, unknown>, writer: Writer): CustomerRow {
  const { DepartmentCode, MailAddress, ...rest } = input;
  const created = (input.LastChangedDateTimeOffset as bigint | undefined) ?? state.clock.next();
  const id = (input.Id as number | undefined) ?? state.nextId("contact");
  if (state.customers.get(String(id))) throw new ProblemError(400, CUSTOMER_TITLE, `Contact id ${id} is taken.`);
  state.reserveId("contact", id);
  const row = {
    ...nulls(customerFields),
    IsActive: true,
    IsArchived: false,
    IsPerson: false,
    CurrencyCode: "NOK",
    DoNotAddLatePaymentFees: false,
    DoNotAddLatePaymentInterest: false,
    DoNotAutomatePaymentNotifications: false,
    SendPaymentReminders: true,
    TransferToDebtCollectionAgency: true,
    UseInvoiceFee: true,
    ContactCreatedDateTimeOffset: created,
    CustomerCreatedDateTimeOffset: created,
    ...rest,
    Id: id,
    SubledgerAccountId: (input.SubledgerAccountId as number | undefined) ?? state.nextId("subledger"),
    LastChangedDateTimeOffset: created,
    DepartmentId: resolveDepartment(
      state,
      rest.DepartmentId as number | null,
      DepartmentCode as string,
      CUSTOMER_TITLE,
    ),
    MailAddress: {
      ...nulls(addressFields),
      CountryCode: "NO",
      LastChangedDateTimeOffset: created,
      ...(MailAddress as object | null),
      Id: state.nextId("address"),
    },
  } as CustomerRow;
  if (row.Number === null) row.Number = nextNumber(state);
  settle(state, row);
  state.customers.put(String(id), row, writer.via === "gui");
  return row;
}

export function patchCustomer(state: SimState, id: number, operations: unknown, writer: Writer): CustomerRow {
  const row = state.customers.get(String(id));
  if (!row) throw notFound("Customer", id);
  const next = applyJsonPatch(operations, {
    current: pick(row, PATCHABLE),
    spec: customerFields,
    model: "CustomerPatchDto",
    title: CUSTOMER_TITLE,
  });
  return save(state, row, { ...row, ...next } as CustomerRow, writer);
}

/** A user's edit in the GUI: any DTO field, explicit timestamps allowed. */
export function editCustomer(state: SimState, id: number, changes: Record<string, unknown>): CustomerRow {
  const row = state.customers.get(String(id));
  if (!row) throw new Error(`No customer with id ${id}`);
  const { MailAddress, ...rest } = changes;
  const next = { ...row, ...rest, MailAddress: { ...row.MailAddress, ...(MailAddress as object) } } as CustomerRow;
  return save(state, row, next, { via: "gui" }, changes.LastChangedDateTimeOffset as bigint | undefined);
}

function save(state: SimState, before: CustomerRow, after: CustomerRow, writer: Writer, at?: bigint): CustomerRow {
  settle(state, after);
  const mainChanged = differs(before, after, TRACKED);
  const addressChanged = differs(before.MailAddress, after.MailAddress, fieldsWith(addressFields, "U"));
  if (!mainChanged && !addressChanged && at === undefined) return before;
  const tick = at ?? state.clock.next();
  // PowerOffice's blind spot: the customer's timestamp ignores changes to its address (a sub-entity).
  if (mainChanged || at !== undefined) after.LastChangedDateTimeOffset = tick;
  if (addressChanged) after.MailAddress = { ...after.MailAddress, LastChangedDateTimeOffset: tick };
  state.customers.put(String(after.Id), after, writer.via === "gui");
  return after;
}

/** Derives what PowerOffice derives, then validates; throws 400/404 ProblemErrors. */
function settle(state: SimState, row: CustomerRow): void {
  if (row.CurrencyCode) row.CurrencyCode = row.CurrencyCode.toUpperCase();
  if (row.IsPerson) {
    if (!row.FirstName?.trim() || !row.LastName?.trim()) {
      throw new ProblemError(400, CUSTOMER_TITLE, "FirstName and LastName are required when IsPerson is true.");
    }
    row.Name = `${row.FirstName} ${row.LastName}`;
  } else if (!row.Name?.trim()) {
    throw new ProblemError(400, CUSTOMER_TITLE, "Name is required when IsPerson is false.");
  }
  if (row.CurrencyCode !== null && !/^[A-Z]{3}$/.test(row.CurrencyCode)) {
    throw new ProblemError(400, CUSTOMER_TITLE, `CurrencyCode '${row.CurrencyCode}' is not a valid ISO 4217 code.`);
  }
  if (row.Allowance !== null && (row.Allowance < -1000 || row.Allowance > 100)) {
    throw new ProblemError(400, CUSTOMER_TITLE, "Allowance must be between -1000 and 100.");
  }
  if (row.NationalIdNumber !== null && !/^\d{11}$/.test(row.NationalIdNumber)) {
    throw new ProblemError(400, CUSTOMER_TITLE, "NationalIdNumber is not a valid national identity number.");
  }
  const { from, to } = CUSTOMER_NUMBER_SERIES;
  if (row.Number === null || row.Number < from || row.Number > to) {
    throw new ProblemError(
      400,
      CUSTOMER_TITLE,
      `Number ${row.Number} is not within the customer number series (${from}-${to}).`,
    );
  }
  resolveDepartment(state, row.DepartmentId, null, CUSTOMER_TITLE);
  const others = state.customers.values();
  assertUnique(others, row, "ExternalImportReference", "contact", CUSTOMER_TITLE);
  assertUnique(others, row, "ExternalNumber", "contact", CUSTOMER_TITLE);
  assertUnique(others, row, "Number", "contact", CUSTOMER_TITLE);
}

function nextNumber(state: SimState): number {
  const taken = state.customers.values().map((c) => c.Number ?? 0);
  const next = Math.max(CUSTOMER_NUMBER_SERIES.from - 1, ...taken.filter((n) => n <= CUSTOMER_NUMBER_SERIES.to)) + 1;
  if (next > CUSTOMER_NUMBER_SERIES.to)
    throw new ProblemError(400, CUSTOMER_TITLE, "The customer number series is full.");
  return next;
}

export function deleteCustomer(state: SimState, id: number, writer: Writer): void {
  if (!state.customers.get(String(id))) throw notFound("Customer", id);
  if (state.allOrders().some((o) => o.CustomerId === id)) {
    throw new ProblemError(409, "Customer conflict", `Customer with id = ${id} is in use and cannot be deleted.`);
  }
  state.customers.delete(String(id), writer.via === "gui");
}

export function renderCustomer(state: SimState, row: CustomerRow): CustomerDto {
  const dto = renderObject(customerFields, row, state.render) as CustomerDto;
  dto.DepartmentCode = departmentCode(state, row.DepartmentId);
  // Only a special privilege reveals national id numbers; everyone else sees 'hidden'.
  if (dto.NationalIdNumber !== null) dto.NationalIdNumber = "hidden";
  return dto;
}
