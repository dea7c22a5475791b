/**
 * Asks the deployed worker's /health. The public answer is `{ ok, version }`; with a read-scope widget token (minted
 * here from the WIDGET_TOKEN_SECRET just uploaded) it adds the details, and every `problems` list in them is what the
 * shop still has to fix. A fresh workers.dev name can take a little while to answer, so it is asked a few times.
 */
import * as v from "valibot";
import { mintWidgetToken } from "../../shared/api/mint-token";

export type Health =
  | { reached: true; ok: boolean; version: string; problems: string[] }
  | { reached: false; problem: string };

const HealthSchema = v.looseObject({ ok: v.boolean(), version: v.string() });

/** Every string in every `problems` array, wherever the details put it. */
function problemsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(problemsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "problems" && Array.isArray(inner)
      ? inner.filter((p): p is string => typeof p === "string")
      : problemsIn(inner),
  );
}

export async function checkHealth(
  url: string,
  widgetTokenSecret: string,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<Health> {
  const attempts = options.attempts ?? 6;
  const delayMs = options.delayMs ?? 5000;
  let last = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const token = await mintWidgetToken(widgetTokenSecret, { scope: "read", sub: "npm run deploy" });
      const response = await fetch(`${url}/health`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = v.safeParse(HealthSchema, body);
      if (parsed.success) {
        return { reached: true, ok: parsed.output.ok, version: parsed.output.version, problems: problemsIn(body) };
      }
      last = `${url}/health answered ${response.status} without the worker's { ok, version }`;
    } catch (error) {
      last = `${url}/health did not answer (${error instanceof Error ? error.message : String(error)})`;
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return { reached: false, problem: last };
}
