/** Public surface of the PowerOffice GO v2 connector (see docs/poweroffice.md). */
export { type FeedCursor, type FeedPage, START_OF_FEED } from "./change-feed";
export { createPowerOfficeClient, type PowerOfficeClient } from "./client";
export type { CustomerCreate, CustomerFields } from "./customers";
export type { DepartmentCreate, DepartmentFields } from "./departments";
export type { FetchLike, PowerOfficeDeps, TokenCache } from "./deps";
export type { EntityName, PowerOfficeError, PowerOfficeErrorKind, Result } from "./errors";
export type { Created } from "./idempotent-create";
export type { ProductCreate, ProductFields } from "./products";
export { createRateLimiter, type RateLimiter } from "./rate-limiter";
export type { Updated } from "./records";
export type { SalesOrderLineCreate, SalesOrderLineFields } from "./sales-order-lines";
export type { SalesOrderCreate, SalesOrderFields } from "./sales-orders";
export type {
  Address,
  Customer,
  Department,
  Product,
  SalesOrder,
  SalesOrderComplete,
  SalesOrderLine,
} from "./schemas";
export { timestampTicks } from "./timestamp";
