/** The simulator's public interface: options, the handle tests hold, and the DTO types it returns. */
import type { RequestRecord } from "../faults";
import type { FaultRule } from "./http/faults";
import type { ContactAddressDto, CustomerDto } from "./schema/customer-fields";
import type { DepartmentDto } from "./schema/department-fields";
import type { ProductDto } from "./schema/product-fields";
import type { SalesOrderCompleteDto, SalesOrderLineDto } from "./schema/sales-order-fields";

export type { FaultRule, RequestRecord };

/** What a fault does, without where it applies (FaultRule is this plus method/path/times). */
export type FaultAction = FaultRule extends infer R
  ? R extends unknown
    ? Omit<R, "method" | "path" | "times">
    : never
  : never;

/** What seeding and GUI edits take: any DTO field, nested objects (the mail address) partial too. */
export type SeedInput<T> = {
  [K in keyof T]?: T[K] extends object | null
    ? T[K] extends unknown[] | null
      ? T[K]
      : Partial<NonNullable<T[K]>> | null
    : T[K];
};

export interface PowerOfficeSimOptions {
  /** Defaults are the TEST_VARS keys: test-application-key, test-client-key, test-subscription-key. */
  applicationKey?: string;
  clientKey?: string;
  subscriptionKey?: string;
  /** Requests allowed per subscription key in any sliding 1 s window (token calls included); default 10, 0 disables. */
  rateLimitPerSecond?: number;
  /** Send `Retry-After: 1` with 429 (the real gateway's behaviour here is unconfirmed); default false. */
  sendRetryAfter?: boolean;
  /** >0: reads (lists, GET by id) see the data as it stood this many ms ago; default 0. */
  replicaLagMs?: number;
  /** Default 1200 (20 minutes). */
  tokenLifetimeSeconds?: number;
  /** Millisecond clock; default Date.now. Drives token expiry, the rate window, replica lag and timestamps. */
  now?: () => number;
  /** Offset written in timestamps, in minutes (60 writes +01:00 as a Norwegian winter server might); default 0. */
  utcOffsetMinutes?: number;
  /** Write `date` fields as midnight date-times (2026-11-26T00:00:00) instead of 2026-11-26; default false. */
  datesAsDateTime?: boolean;
  /** Line edits move the order's LastChangedDateTimeOffset (unconfirmed for the real API); default false. */
  lineEditsBumpOrder?: boolean;
  /** The client onboarding connects to (name, organisation number, the approving user's e-mail). */
  client?: Partial<{ name: string; organizationNumber: string; userEmail: string }>;
  /** Onboarding RedirectUris PowerOffice has whitelisted (compared without query); localhost is always accepted. */
  redirectWhitelist?: string[];
}

export type EntityName = "customers" | "departments" | "products" | "salesOrders";

export interface EntityDtos {
  customers: CustomerDto;
  departments: DepartmentDto;
  products: ProductDto;
  salesOrders: SalesOrderCompleteDto;
}

/** Ids are int64 numbers for customers, departments and products, uuid strings for sales orders. */
export type EntityId = number | string;

export interface PowerOfficeSim {
  /** Host-agnostic: serves /OAuth/Token, /Demo/OAuth/Token, /v2/*, /Demo/v2/*. */
  fetch(request: Request): Promise<Response>;
  faults: { add(rule: FaultRule): void; clear(): void };
  /** Every request seen, in order. */
  requests: RequestRecord[];
  tokensIssued(): number;
  /** Every token issued so far answers 401 from now on. */
  expireTokens(): void;
  /** The onboarding flow's state (docs/simulators.md, Onboarding). */
  onboarding: {
    /** PowerOffice whitelists a RedirectUri (compared without its query). */
    whitelist(uri: string): void;
    /** These privileges (e.g. "Products_Full") are listed as invalid by ClientIntegrationInformation. */
    setInvalidPrivileges(names: string[]): void;
    /** The client keys Finalize handed out, each accepted at the token endpoint. */
    clientKeys(): string[];
    /** The client deactivates the integration: the key is refused from now on. */
    revokeClientKey(key: string): void;
    /** How many Finalize calls succeeded. */
    finalized(): number;
  };
  /** Seeding bypasses HTTP, faults, rate limit and replica lag. Timestamps may be given as strings. */
  seed: {
    customer(partial?: SeedInput<CustomerDto>): CustomerDto;
    department(partial?: SeedInput<DepartmentDto>): DepartmentDto;
    product(partial?: SeedInput<ProductDto>): ProductDto;
    salesOrder(
      header?: SeedInput<SalesOrderCompleteDto>,
      lines?: SeedInput<SalesOrderLineDto>[],
    ): SalesOrderCompleteDto;
  };
  /** The current state (primary, no lag); sales orders as SalesOrderCompleteDto. */
  list<E extends EntityName>(entity: E): EntityDtos[E][];
  count(entity: EntityName): number;
  /** One record from the current state, or undefined. */
  get<E extends EntityName>(entity: E, id: EntityId): EntityDtos[E] | undefined;
  /** A PowerOffice user's edit in the GUI; bumps LastChanged as the real one does (not for a customer's address). */
  edit<E extends EntityName>(entity: E, id: EntityId, changes: SeedInput<EntityDtos[E]>): EntityDtos[E];
  /** A GUI edit of one order line (no lock, no LastChanged bump on the order unless lineEditsBumpOrder). */
  editLine(orderId: string, lineId: string, changes: SeedInput<SalesOrderLineDto>): SalesOrderLineDto;
  /** Sent as an invoice: the order leaves /SalesOrders and answers 404 by id. */
  invoiceOrder(id: string): void;
  /** Hard delete without a trace (PowerOffice has no deleted feed). */
  deleteRecord(entity: EntityName, id: EntityId): void;
}

export type { ContactAddressDto, CustomerDto, DepartmentDto, ProductDto, SalesOrderCompleteDto, SalesOrderLineDto };
