/** The simulator's whole state: one PowerOffice client's data, its id sequences and its clock. */
import { VersionedTable } from "../core/table";
import { TickClock } from "../core/ticks";
import type { CustomerRow } from "../schema/customer-fields";
import type { DepartmentRow } from "../schema/department-fields";
import type { ProductRow } from "../schema/product-fields";
import type { SalesOrderHeaderRow, SalesOrderLineRow } from "../schema/sales-order-fields";
import type { RenderOptions } from "../schema/values";

export interface SalesOrderRow extends SalesOrderHeaderRow {
  Lines: SalesOrderLineRow[];
  /** Application key of the integration that created the order; null when made in the GUI. */
  CreatedBy: string | null;
}

export interface StateConfig {
  now: () => number;
  replicaLagMs: number;
  utcOffsetMinutes: number;
  datesAsDateTime: boolean;
  lineEditsBumpOrder: boolean;
}

/** Who writes: an integration through the API (subject to replica lag) or a user in the GUI / a test (not). */
export type Writer = { via: "api"; applicationKey: string } | { via: "gui" };

// Ids start where real ones look real; contacts share one sequence (customers, suppliers and employees do).
const FIRST_IDS = { contact: 10_482_300, address: 24_110_500, subledger: 51_200_000, department: 1_004_200 };
const MORE_IDS = { product: 3_870_100, salesOrderNo: 10_000 };
type IdKind = keyof typeof FIRST_IDS | keyof typeof MORE_IDS;

export class SimState {
  readonly clock: TickClock;
  readonly customers: VersionedTable<CustomerRow>;
  readonly departments: VersionedTable<DepartmentRow>;
  readonly products: VersionedTable<ProductRow>;
  readonly salesOrders: VersionedTable<SalesOrderRow>;
  /** Orders sent as invoices: gone from /SalesOrders, but their references and ExternalImportReference live on. */
  readonly invoiced = new Map<string, SalesOrderRow>();
  private readonly sequences: Record<IdKind, number> = {
    ...FIRST_IDS,
    ...MORE_IDS,
  };

  constructor(readonly config: StateConfig) {
    this.clock = new TickClock(config.now);
    this.customers = new VersionedTable(config.now, config.replicaLagMs);
    this.departments = new VersionedTable(config.now, config.replicaLagMs);
    this.products = new VersionedTable(config.now, config.replicaLagMs);
    this.salesOrders = new VersionedTable(config.now, config.replicaLagMs);
  }

  nextId(kind: IdKind): number {
    this.sequences[kind] += 1;
    return this.sequences[kind];
  }

  /** Keeps generated ids clear of ids a test chose itself. */
  reserveId(kind: IdKind, id: number): void {
    if (id > this.sequences[kind]) this.sequences[kind] = id;
  }

  get render(): RenderOptions {
    return { offsetMinutes: this.config.utcOffsetMinutes, datesAsDateTime: this.config.datesAsDateTime };
  }

  /** Every order that still exists in some form (open or invoiced), for "in use" and uniqueness checks. */
  allOrders(): SalesOrderRow[] {
    return [...this.salesOrders.values(), ...this.invoiced.values()];
  }
}
