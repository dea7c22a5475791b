/** The reference webshop's public interface: options, the handle tests hold, faults, seeds and webhook records. */
import type { Customer, Line, Order, Product, Resource } from "../../../shared/webshop";
import type { RequestRecord, SimFaultRule } from "../faults";

export type { Customer, Line, Order, Product, RequestRecord, Resource };

export interface ResourceTypes {
  customers: Customer;
  products: Product;
  orders: Order;
}
export type ShopRecord = ResourceTypes[Resource];

/** An injected HTTP failure (../faults.ts); a status fault may set Retry-After (a 429 sends 1 s without it). */
export type ShopFaultRule = SimFaultRule<{ retryAfterSeconds?: number }>;

/** Faults of webhook delivery; `set` replaces the previous settings. */
export interface WebhookFaults {
  /** Every event is delivered twice (same webhook-id), as at-least-once delivery allows. */
  duplicate?: boolean;
  /** Events are delivered newest first; in immediate mode an event waits for the next one (or flush()). */
  outOfOrder?: boolean;
  /** Real delay before each delivery attempt (use fake timers in tests). */
  latencyMs?: number;
  /** The next N events are lost: never delivered (recorded in `sent` with state "dropped"). */
  dropNext?: number;
}

export interface ReferenceWebshopOptions {
  /** Default "test-webshop-token". */
  apiToken?: string;
  /** Default "/api" (so WEBSHOP_BASE_URL = https://webshop.sim/api); any host is served. */
  basePath?: string;
  /** Millisecond clock, default Date.now. Drives updated_at/created_at, idempotency expiry and webhook timestamps. */
  now?: () => number;
  webhooks?: {
    /** Where events go, e.g. https://worker.test/webhooks/webshop. */
    url: string;
    /** whsec_<base64>. */
    secret: string;
    /** Default global fetch; tests pass the worker's fetch. */
    deliver?: (request: Request) => Promise<Response>;
    /** immediate (default): sent right after each change, not awaited by the API call; manual: queued until flush(). */
    mode?: "immediate" | "manual";
    /** Waits before retry 1, 2, ... after a non-2xx answer or a network failure; default 1 s, 5 s, 30 s, 2 min, 10 min. */
    retryDelaysMs?: number[];
    /** Clock for the `webhook-timestamp` header; default the shop's `now` (pass Date.now when the receiver checks real time). */
    now?: () => number;
  };
  /** Deliberately broken shops, for the conformance kit's negative tests. Each is one small deviation. */
  quirks?: {
    /** POST creates anew on every call. */
    ignoreIdempotencyKey?: boolean;
    /** The cursor is an offset into the current sort, so changes shift results (misses/duplicates). */
    unstableCursors?: boolean;
    /** PATCH never answers 412. */
    ignoreIfMatch?: boolean;
    /** Unknown query parameters and body fields are ignored instead of 400. */
    acceptUnknownFields?: boolean;
  };
}

export type WebhookState = "queued" | "retrying" | "delivered" | "failed" | "dropped";

/** One event (not one attempt): its webhook-id, type and raw body, and how its delivery went. */
export interface SentWebhook {
  id: string;
  type: string;
  /** The raw JSON body, exactly as signed. */
  body: string;
  /** The last answer's status; null before the first attempt and after a network failure. */
  status: number | null;
  /** HTTP requests made for this event, duplicates and retries included. */
  attempts: number;
  state: WebhookState;
}

/** A line in a seeded order: like LineInput, every field optional (quantity 1, price from the product). */
export type SeedLine = Partial<Line>;
export type SeedCustomer = Partial<Customer> & { kind: Customer["kind"] };
export type SeedProduct = Partial<Product> & { sku: string };
/** Without customer_id a person customer is seeded for it; totals are always computed. */
export type SeedOrder = Partial<Omit<Order, "lines" | "total_excl_vat" | "total_incl_vat">> & { lines?: SeedLine[] };

export interface ReferenceWebshop {
  /** Host-agnostic: serves `<basePath>/customers|products|orders[/{id}]`. */
  fetch(request: Request): Promise<Response>;
  faults: { add(rule: ShopFaultRule): void; clear(): void };
  webhookFaults: { set(faults: WebhookFaults): void; clear(): void };
  /** Every request seen, in order. */
  requests: RequestRecord[];
  /** Seeding bypasses HTTP, faults and webhooks; missing fields get valid defaults; meta fields may be given. */
  seed: {
    customer(partial: SeedCustomer): Customer;
    product(partial: SeedProduct): Product;
    order(partial?: SeedOrder): Order;
  };
  /** Copies of the current state; list in creation order. */
  get<R extends Resource>(resource: R, id: string): ResourceTypes[R] | undefined;
  list<R extends Resource>(resource: R): ResourceTypes[R][];
  count(resource: Resource): number;
  /** A shop admin's edit (a JSON merge patch, validated like PATCH): version+1 and updated_at move on a real change, webhook sent. Throws on invalid input. */
  edit<R extends Resource>(resource: R, id: string, mergePatch: Record<string, unknown>): ResourceTypes[R];
  /** A shop admin's hard delete: webhook "<x>.deleted". Throws for an unknown id. */
  remove(resource: Resource, id: string): void;
  webhooks: {
    /** One entry per event, in the order the changes happened. */
    sent: SentWebhook[];
    /** Delivers everything queued and every retry now (no waiting for backoff), and resolves when none is in flight. */
    flush(): Promise<void>;
    /** Events not yet delivered, failed for good or dropped (queued, in flight, waiting for a retry or held back). */
    pending(): number;
  };
}
