/** Shared pieces of the store contract: a settable clock, a store under test, and links with every field filled. */
import type { Clock, LinkWrite, Store } from "../../worker/core/ports";
import type { ActivityEntry, Conflict, DataflowId } from "../../worker/core/types";
import type { StoreOptions } from "../../worker/store/store-options";

export const T0 = Date.parse("2026-05-01T08:00:00.000Z");

export interface TestClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = T0): TestClock {
  let now = start;
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Each call gives a store with nothing in it (a fresh memory store, or D1 with the sync tables emptied). */
export type MakeStore = (clock: Clock, options?: Omit<StoreOptions, "clock">) => Promise<Store>;

export interface Fixture {
  store: Store;
  clock: TestClock;
}

export const setupWith =
  (makeStore: MakeStore) =>
  async (options: Omit<StoreOptions, "clock"> = {}): Promise<Fixture> => {
    const clock = testClock();
    return { store: await makeStore(clock, options), clock };
  };

export const iso = (ms: number) => new Date(ms).toISOString();

export const conflict: Conflict = {
  property: "billing_address.city",
  base: "Oslo",
  poweroffice: "Bergen",
  webshop: "Tromsø",
  winner: null,
  policy: "manual",
  reason: "Changed on both sides; waiting for the admin.",
};

let counter = 0;
/** A pending link with fresh side ids; pass overrides for the fields a test cares about. */
export function aLink(overrides: Partial<LinkWrite> = {}): LinkWrite {
  counter += 1;
  return {
    dataflow: "customers",
    state: "pending",
    ids: { poweroffice: `${1000 + counter}`, webshop: null },
    reference: null,
    snapshots: { poweroffice: null, webshop: null },
    seen: { poweroffice: null, webshop: null },
    matchKeys: { poweroffice: null, webshop: null },
    lastError: null,
    attempts: 0,
    nextRetryAt: null,
    openConflicts: [],
    ...overrides,
  };
}

/** A link with every field filled, JSON with unicode, quotes, nesting and nulls included. */
export function aFullLink(dataflow: DataflowId = "customers"): LinkWrite {
  counter += 1;
  return {
    dataflow,
    state: "conflict",
    ids: { poweroffice: `${900000000000 + counter}`, webshop: `cus_${counter}_ÆØÅ` },
    reference: `ws-c-cus_${counter}`,
    snapshots: {
      poweroffice: {
        name: "Blåbærsyltetøy AS 🫐",
        email: "Post@Blåbær.no",
        organization_number: "987654321",
        "billing_address.city": "Tromsø",
        note: 'quote " backslash \\ tab \t newline \n',
        credit_limit: "1999.50",
        customer_number: 10042,
        big: 9007199254740991,
        active: true,
        vat_free: false,
        phone: null,
        tags: ["a", null, 3, { nested: ["ø"] }],
      },
      webshop: { name: "Blåbærsyltetøy AS 🫐", email: "post@blåbær.no", kind: "company", phone: null, lines: [] },
    },
    seen: { poweroffice: "2026-04-30T10:11:12.1234567+02:00", webshop: "17" },
    matchKeys: { poweroffice: "987654321", webshop: "987654321" },
    lastError: { code: "rate-limited", message: "PowerOffice asked us to wait 30 s (429).", side: "poweroffice" },
    attempts: 3,
    nextRetryAt: "2026-05-01T08:30:00.000Z",
    openConflicts: [conflict, { ...conflict, property: "email", base: null, winner: "webshop", policy: "newest-wins" }],
  };
}

export function anEntry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    at: iso(T0),
    dataflow: "customers",
    linkId: null,
    side: "webshop",
    action: "updated",
    changes: { email: ["old@example.no", "Ny@Eksempel.no"], "billing_address.city": [null, "Tromsø"] },
    message: "Updated the webshop customer's e-mail and city.",
    ...overrides,
  };
}
