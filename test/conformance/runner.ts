/**
 * Runs the contract rules one after another against one shop, then removes what the kit made (DELETE; where the
 * shop refuses that, it archives: active=false, or status cancelled for orders). Rules never run in parallel: a
 * real shop sees one request at a time and a failure's evidence is not mixed with another rule's traffic.
 */

import { cleanUp } from "./cleanup";
import { ShopClient } from "./client";
import { Fixtures } from "./fixtures";
import { RULES } from "./rules";
import {
  type ConformanceReport,
  type FetchLike,
  type Rule,
  type RuleContext,
  type RuleResult,
  Violation,
} from "./types";

export interface ConformanceOptions {
  /** The shop's API base, e.g. https://shop.example.no/api (what the worker has as WEBSHOP_BASE_URL). */
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  /** Goes into the run tag `conformance-<runId>`; default 8 random hex characters. */
  runId?: string;
  /** Rule ids or id prefixes ("feed" runs feed.*); default all. */
  only?: string[];
  rules?: readonly Rule[];
  /** Waits out a 429's Retry-After; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Leave the kit's records in the shop (to look at them); default false. */
  keep?: boolean;
  /** Called as each rule finishes, so a CLI prints as it goes. */
  onResult?: (result: RuleResult) => void;
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const runId = options.runId ?? crypto.randomUUID().replace(/-/g, "").slice(0, 8);
  const tag = `conformance-${runId}`;
  let counter = 0;
  const unique = (label: string) => `${tag}-${label}${++counter}`;
  let fixtures: Fixtures | undefined;
  const shop = new ShopClient({
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: options.fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    timeoutMs: options.timeoutMs,
    onCreated: (resource, id) => fixtures?.created[resource].add(id),
  });
  fixtures = new Fixtures(shop, tag, unique);
  const ctx: RuleContext = { shop, fixtures, tag, unique };

  const results: RuleResult[] = [];
  for (const rule of selectRules(options.rules ?? RULES, options.only)) {
    const result = await runRule(rule, ctx);
    results.push(result);
    options.onResult?.(result);
  }
  const cleanup = options.keep
    ? { kind: "kept" as const, count: Object.values(fixtures.created).reduce((n, ids) => n + ids.size, 0) }
    : await cleanUp(shop, fixtures.created);
  return { runId, results, cleanup };
}

export function selectRules(rules: readonly Rule[], only: string[] | undefined): Rule[] {
  if (!only?.length) return [...rules];
  return rules.filter((rule) =>
    only.some((name) => rule.id === name || rule.id.startsWith(`${name.replace(/\.$/, "")}.`)),
  );
}

async function runRule(rule: Rule, ctx: RuleContext): Promise<RuleResult> {
  const { id, title } = rule;
  try {
    return { id, title, outcome: "pass", detail: await rule.run(ctx) };
  } catch (error) {
    if (error instanceof Violation) return { id, title, outcome: "fail", expected: error.expected, got: error.got };
    const text = error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error);
    return { id, title, outcome: "fail", expected: "the rule's requests to get answers", got: text };
  }
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : "";
}
