/**
 * The conformance kit's shapes: a rule is `{ id, title, run(ctx) }` and talks to the shop only through the context,
 * whose fetch is injected (the global fetch from the CLI, a reference shop's fetch in tests).
 */
import type { Resource } from "../../shared/webshop";
import type { ShopClient } from "./client";
import type { Fixtures } from "./fixtures";

export type FetchLike = (request: Request) => Promise<Response>;

export interface RuleContext {
  shop: ShopClient;
  /** Creates tagged records (tracked for cleanup) and the shared records several rules use. */
  fixtures: Fixtures;
  /** `conformance-<runId>`: in every sku, email, name and key the kit writes, so its records are recognisable. */
  tag: string;
  /** A fresh tagged string, unique within the run: `${tag}-${label}${n}`. */
  unique(label: string): string;
}

/** What a passing rule says it saw, e.g. "3 pages, 7 records, in (updated_at, id) order". */
export type RuleRun = (ctx: RuleContext) => Promise<string>;

export interface Rule {
  /** Stable, dotted: `area.rule`, e.g. `feed.resume-exact`. */
  id: string;
  /** The contract rule in one sentence. */
  title: string;
  run: RuleRun;
}

export type RuleResult =
  | { id: string; title: string; outcome: "pass"; detail: string }
  | { id: string; title: string; outcome: "fail"; expected: string; got: string };

export type CleanupReport =
  | { kind: "deleted"; count: number }
  | { kind: "archived"; count: number; deleted: number; why: string }
  | { kind: "incomplete"; deleted: number; archived: number; left: { resource: Resource; id: string; why: string }[] }
  | { kind: "kept"; count: number };

export interface ConformanceReport {
  runId: string;
  results: RuleResult[];
  cleanup: CleanupReport;
}

/**
 * A broken rule of the contract: thrown by the checks so a rule reads as a list of steps; the runner turns it into
 * a failed result. Anything else thrown (the network, a bug) becomes a failed result too, worded as such.
 */
export class Violation extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(`expected: ${expected}; got: ${got}`);
    this.name = "Violation";
  }
}
