/** What the API routes share: the Hono environment type and who is writing. */
import type { Context } from "hono";
import type { Writer } from "../domain/state";

export type SimEnv = { Variables: { applicationKey: string } };

export function apiWriter(c: Context<SimEnv>): Writer {
  return { via: "api", applicationKey: c.get("applicationKey") };
}
