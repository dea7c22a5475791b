/** CustomerDto / CustomerPostDto / CustomerPatchDto and the contact's mail address, as in PowerOffice's v2 API. */
import { INVOICE_DELIVERY_TYPE, NOTICE_OF_DEBT_COLLECTION_DELIVERY_TYPE, REMINDER_DELIVERY_TYPE } from "./enums";
import { type DtoOf, field, type PostOf, type RowOf } from "./field-spec";

export const addressFields = {
  AddressLine1: field("string?", "DPU", { maxLength: 200 }),
  AddressLine2: field("string?", "DPU", { maxLength: 200 }),
  City: field("string?", "DPU", { maxLength: 100 }),
  CountryCode: field("string?", "DPU"),
  ExternalCode: field("string?", "DP", { maxLength: 50 }),
  Id: field("int", "D"),
  LastChangedDateTimeOffset: field("datetime", "D"),
  ZipCode: field("string?", "DPU", { maxLength: 50 }),
};

export const customerFields = {
  Allowance: field("number?", "DPU"),
  BillableRate: field("number?", "DPU"),
  ContactCreatedDateTimeOffset: field("datetime", "D"),
  ContactGroupIds: field("intArray?", "DPU"),
  CreatedFromImportJournalId: field("uuid?", "D"),
  CurrencyCode: field("string?", "DPU"),
  CustomerCreatedDateTimeOffset: field("datetime", "D"),
  CustomerSince: field("date?", "DPU"),
  DateOfBirth: field("date?", "DPU"),
  DeliveryTerm: field("string?", "DP"),
  DeliveryTermId: field("int?", "DPU"),
  DepartmentCode: field("string?", "DP"),
  DepartmentId: field("int?", "DPU"),
  DoNotAddLatePaymentFees: field("bool?", "DPU"),
  DoNotAddLatePaymentInterest: field("bool?", "DPU"),
  DoNotAutomatePaymentNotifications: field("bool?", "DPU"),
  EmailAddress: field("string?", "DPU"),
  ExternalImportReference: field("string?", "DPU", { maxLength: 50 }),
  ExternalNumber: field("int?", "DPU"),
  FirstName: field("string?", "DPU"),
  Id: field("int", "D"),
  InvoiceBrandingThemeCode: field("string?", "DP"),
  InvoiceBrandingThemeId: field("int?", "DPU"),
  InvoiceDeliveryType: field("enum?", "DPU", { values: INVOICE_DELIVERY_TYPE }),
  InvoiceEmailAddress: field("string?", "DPU"),
  InvoiceEmailAddressCC: field("string?", "DPU"),
  IsActive: field("bool?", "D"),
  IsArchived: field("bool?", "DPU"),
  IsPerson: field("bool?", "DPU"),
  IsVatFree: field("bool?", "DPU"),
  LastChangedDateTimeOffset: field("datetime", "D"),
  LastName: field("string?", "DPU"),
  LegalName: field("string?", "DPU"),
  MailAddress: field("object", "DPU", { nested: addressFields }),
  Name: field("string?", "DPU"),
  NationalIdNumber: field("string?", "DPU"),
  NoticeOfDebtCollectionDeliveryType: field("enum?", "DPU", { values: NOTICE_OF_DEBT_COLLECTION_DELIVERY_TYPE }),
  Number: field("int?", "DPU"),
  OrganizationNumber: field("string?", "DPU"),
  PaymentReminderEmailAddress: field("string?", "DPU"),
  PaymentTerm: field("int?", "DP"),
  PaymentTermId: field("int?", "DPU"),
  PhoneNumber: field("string?", "DPU"),
  ReminderDeliveryType: field("enum?", "DPU", { values: REMINDER_DELIVERY_TYPE }),
  SalesPersonEmployeeId: field("int?", "DPU"),
  SalesPersonEmployeeNumber: field("int?", "DP"),
  SendPaymentReminders: field("bool?", "DPU"),
  SubLedgerNumberSeriesId: field("uuid?", "P"),
  SubledgerAccountId: field("int", "D"),
  TransferToDebtCollectionAgency: field("bool?", "DPU"),
  UseInvoiceFee: field("bool?", "DPU"),
  WebsiteUrl: field("string?", "DPU"),
};

export type ContactAddressDto = DtoOf<typeof addressFields>;
export type CustomerDto = DtoOf<typeof customerFields>;
export type CustomerPostDto = PostOf<typeof customerFields>;
export type CustomerRow = RowOf<typeof customerFields>;
