/** What the shop needs once the worker runs: where to send webhooks, the widget's tag, the contract, what is missing. */
import type { Health } from "./health";

export function summary(url: string | null, health: Health | null, notes: string[]): string {
  const base = url ?? "https://<your worker's URL>";
  const lines = [
    "",
    url
      ? `The worker runs at ${url}`
      : "The worker is deployed; wrangler printed no workers.dev URL (workers.dev is off), so use your route's URL.",
    "",
    "For the shop:",
    `  Webhook URL (your shop signs its webhooks to it with WEBSHOP_WEBHOOK_SECRET): ${base}/webhooks/webshop`,
    `  The widget, in your admin page:  <script type="module" src="${base}/widget.js"></script>`,
    `  The contract your shop's API implements (OpenAPI):  ${base}/openapi/webshop.json`,
    "",
  ];
  if (health === null) {
    lines.push(`Check it with: curl ${base}/health`);
  } else if (!health.reached) {
    lines.push(`Not checked: ${health.problem}. Try \`curl ${base}/health\` in a minute.`);
  } else if (health.ok && health.problems.length === 0) {
    lines.push(`/health: ok, version ${health.version}.`);
  } else {
    lines.push(`/health: not ok yet (version ${health.version}). Still to fix:`);
    for (const problem of health.problems.length > 0
      ? health.problems
      : ["/health gave no details: read them with a widget token"]) {
      lines.push(`  - ${problem}`);
    }
  }
  for (const note of notes) lines.push(`Note: ${note}`);
  return lines.join("\n");
}
