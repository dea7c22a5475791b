import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIGNED_EXAMPLE } from "../../../worker/contract/openapi-webhooks";
import { RULES } from "../../conformance/rules";

const guide = readFileSync(join(process.cwd(), "docs", "webshop-api.md"), "utf8");

describe("docs/webshop-api.md", () => {
  it("lists every conformance rule with its title, and no rule that does not exist", () => {
    for (const rule of RULES) {
      const row = guide.split("\n").find((line) => line.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      const documented = row!.split("|")[2]!.trim().replace(/`/g, "");
      expect(documented, rule.id).toBe(rule.title);
    }
    const listed = [...guide.matchAll(/^\| `([a-z-]+\.[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(guide).toContain(`against ${RULES.length} rules of the webshop contract`);
  });

  it("shows the webhook example exactly as signed (a test checks the signature itself)", () => {
    expect(guide).toContain(`webhook-id: ${SIGNED_EXAMPLE.id}`);
    expect(guide).toContain(`webhook-timestamp: ${SIGNED_EXAMPLE.timestamp}`);
    expect(guide).toContain(`webhook-signature: ${SIGNED_EXAMPLE.signature}`);
    expect(guide).toContain(`\n${SIGNED_EXAMPLE.body}\n`);
  });
});
