/**
 * Takes the plan's steps in order with the real wrangler. A step that fails stops everything after it, with
 * wrangler's own message and what to do; running again finds what was done and skips it.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { writeGeneratedConfig } from "./generated-config";
import { checkHealth, type Health } from "./health";
import type { Facts, Plan, Step } from "./plan";
import type { Project } from "./target";
import type { Io, Wrangler } from "./wrangler";
import { isNotLoggedIn, type Output, readCreatedDatabaseId, readDeployedUrl, wranglerError } from "./wrangler-facts";

export type Outcome =
  | { ok: true; url: string | null; health: Health | null }
  | { ok: false; step: Step; problem: string; next: string };

/** Takes the steps in order; the first that fails ends the run. */
export async function executePlan(
  plan: Extract<Plan, { ok: true }>,
  facts: Facts,
  project: Project,
  wrangler: Wrangler,
  io: Io,
  healthOptions?: { attempts?: number; delayMs?: number },
): Promise<Outcome> {
  const { target } = project;
  const secrets = facts.secrets;
  if (!secrets.ok) throw new Error("executePlan needs a checked secrets file");
  let databaseId = facts.account.kind === "ok" ? (facts.databaseId ?? null) : null;
  let url: string | null = null;
  let health: Health | null = null;

  for (const [index, step] of plan.steps.entries()) {
    io.out(`\n[${index + 1}/${plan.steps.length}] ${step.why}\n`);
    if (step.wrangler) io.out(`$ wrangler ${step.wrangler.join(" ")}\n`);
    const failed = (problem: string, output?: Output): Outcome => ({
      ok: false,
      step,
      problem,
      next:
        output && isNotLoggedIn(output)
          ? "Log in with `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then run `npm run deploy` again."
          : "Fix what wrangler says, then run `npm run deploy` again: the steps already done are found done and skipped.",
    });

    switch (step.kind) {
      case "create-queue":
      case "migrate": {
        const output = await wrangler.run(step.wrangler!, true);
        if (output.code !== 0) return failed(wranglerError(output), output);
        break;
      }
      case "create-database": {
        const output = await wrangler.run(step.wrangler!, true);
        const id = readCreatedDatabaseId(output);
        if (!id.ok) return failed(id.problem, output);
        databaseId = id.value;
        break;
      }
      case "write-config": {
        if (!databaseId) return failed("the D1 database's id is not known");
        writeGeneratedConfig(wrangler.path(target.generatedConfig), project, databaseId, secrets);
        break;
      }
      case "deploy": {
        const upload = wrangler.path(target.uploadFile);
        mkdirSync(dirname(upload), { recursive: true });
        writeFileSync(upload, JSON.stringify(secrets.secrets), { mode: 0o600 });
        chmodSync(upload, 0o600);
        let output: Output;
        try {
          output = await wrangler.run(step.wrangler!, true);
        } finally {
          rmSync(upload, { force: true });
        }
        const deployed = readDeployedUrl(output);
        if (!deployed.ok) return failed(deployed.problem, output);
        url = deployed.value;
        break;
      }
      case "health": {
        const secret = secrets.secrets.WIDGET_TOKEN_SECRET ?? "";
        health = url ? await checkHealth(url, secret, healthOptions) : null;
        break;
      }
    }
  }
  return { ok: true, url, health };
}
