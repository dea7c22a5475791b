/**
 * `npm run conformance -- --base-url https://shop.example.no/api --token XXX`: runs the contract rules against a
 * real shop with the global fetch, one line per rule, a summary, exit code 1 on any failure (2 on usage errors).
 */
import { parseArgs } from "./args";
import { cleanupLine, resultLine, summaryLine } from "./report";
import { RULES } from "./rules";
import { runConformance, selectRules } from "./runner";

const parsed = parseArgs(process.argv.slice(2), process.env);
if (!parsed.ok) {
  (parsed.help ? console.log : console.error)(parsed.message);
  process.exit(parsed.help ? 0 : 2);
}
const { options } = parsed;
const selected = selectRules(RULES, options.only);
if (selected.length === 0) {
  console.error(`error: --only ${options.only?.join(",")} matches no rule; ids: ${RULES.map((r) => r.id).join(", ")}`);
  process.exit(2);
}

console.log(`Checking ${options.baseUrl} against ${selected.length} rules of the webshop contract...`);
const report = await runConformance({
  baseUrl: options.baseUrl,
  token: options.token,
  fetch: (request) => fetch(request),
  only: options.only,
  runId: options.runId,
  keep: options.keep,
  timeoutMs: options.timeoutMs,
  onResult: (result) => console.log(resultLine(result)),
});
console.log(cleanupLine(report.cleanup, `conformance-${report.runId}`));
console.log(summaryLine(report));
process.exit(report.results.some((r) => r.outcome === "fail") ? 1 : 0);
