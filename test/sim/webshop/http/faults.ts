/**
 * Injected HTTP failures, matched by method and path and used up per match (as in the PowerOffice simulator): a
 * status answered without running the handler (429 with Retry-After), added latency, or a connection lost before
 * or after the handler committed its change.
 */
import type { ShopFaultRule } from "../types";

export class FaultBook {
  private readonly rules: { rule: ShopFaultRule; left: number }[] = [];

  constructor(private readonly basePath: string) {}

  add(rule: ShopFaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first rule matching this request, with one use taken from it. */
  take(method: string, path: string): ShopFaultRule | undefined {
    const index = this.rules.findIndex(({ rule }) => this.matches(rule, method, path));
    if (index < 0) return undefined;
    const entry = this.rules[index]!;
    entry.left -= 1;
    if (entry.left <= 0) this.rules.splice(index, 1);
    return entry.rule;
  }

  private matches(rule: ShopFaultRule, method: string, path: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.path === undefined) return true;
    if (rule.path instanceof RegExp) return rule.path.test(path);
    const strip = (p: string) => {
      const trimmed = p.replace(/\/+$/, "");
      return this.basePath && trimmed.startsWith(`${this.basePath}/`) ? trimmed.slice(this.basePath.length) : trimmed;
    };
    return strip(path) === strip(rule.path);
  }
}
