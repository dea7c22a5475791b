/**
 * `npm run deploy`: from a fresh clone to a running worker on the user's Cloudflare account, safe to run again.
 * Reads the secrets file and checks it, asks the account what exists, plans (plan.ts), shows the plan, and on yes
 * takes its steps with the real wrangler, then calls /health and prints what the shop needs. Design: README.md here.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import { readArgs, USAGE } from "./args";
import { executePlan } from "./execute";
import { CannotAsk, gatherFacts } from "./gather";
import { plan } from "./plan";
import { checkSecretsFile } from "./secrets-file";
import { summary } from "./summary";
import { readProject } from "./target";
import { type Io, Wrangler } from "./wrangler";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The names secrets.example.env sets (its `NAME=` lines; commented ones are optional [vars]). */
function exampleNames(): string[] {
  const text = readFileSync(resolve(ROOT, "secrets.example.env"), "utf8");
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

async function main(argv: string[], io: Io): Promise<number> {
  const read = readArgs(argv);
  if (!read.ok) {
    io.err(`${read.problem}\n\n${USAGE}\n`);
    return 1;
  }
  const args = read.args;
  if (args.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }

  const project = readProject(ROOT, args.env, args.secrets);
  const { target } = project;
  const secretsPath = resolve(ROOT, target.secretsFile);
  const secrets = checkSecretsFile(existsSync(secretsPath) ? readFileSync(secretsPath, "utf8") : null, {
    file: target.secretsFile,
    vars: project.vars,
    names: new Set([...exampleNames(), ...Object.keys(project.vars)]),
  });
  io.out(`${args.dryRun ? "Dry run: " : ""}deploying ${target.worker}${target.env ? ` (--env ${target.env})` : ""}\n`);

  const wrangler = new Wrangler(ROOT, io);
  let facts: Awaited<ReturnType<typeof gatherFacts>>;
  try {
    facts = await gatherFacts(project, secrets, args.dryRun, wrangler);
  } catch (error) {
    if (!(error instanceof CannotAsk)) throw error;
    io.err(`\n✘ ${error.message}\nNothing was changed. Run this again once wrangler answers.\n`);
    return 1;
  }
  if (facts.account.kind === "ok") io.out(`Cloudflare account: ${facts.account.name} (${facts.account.id})\n`);

  const steps = plan(facts);
  if (!steps.ok) {
    io.err(`\n✘ Not deployed:\n${steps.problems.map((p) => `  - ${p}`).join("\n")}\n${steps.next}\n`);
    return 1;
  }
  io.out(`\nThe plan (${steps.steps.length} steps):\n`);
  for (const [index, step] of steps.steps.entries()) {
    io.out(`  ${index + 1}. ${step.why}\n${step.wrangler ? `       wrangler ${step.wrangler.join(" ")}\n` : ""}`);
  }
  for (const note of steps.notes) io.out(`Note: ${note}\n`);
  if (args.dryRun) {
    io.out("\nDry run: nothing was changed.\n");
    return 0;
  }

  if (!args.yes) {
    if (!process.stdin.isTTY) {
      io.err("\nNot deployed: add --yes to take these steps without being asked (CI/CD).\n");
      return 1;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`\nTake these ${steps.steps.length} steps on your account? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.out("Nothing was changed.\n");
      return 1;
    }
  }

  const outcome = await executePlan(steps, facts, project, wrangler, io);
  if (!outcome.ok) {
    io.err(
      `\n✘ This step failed: ${outcome.step.why}\n  wrangler said: ${outcome.problem}\nNo step after it ran. ${outcome.next}\n`,
    );
    return 1;
  }
  io.out(`${summary(outcome.url, outcome.health, steps.notes)}\n`);
  return outcome.health?.reached && !outcome.health.ok ? 1 : 0;
}

const io: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
try {
  process.exitCode = await main(process.argv.slice(2), io);
} catch (error) {
  // A config wrangler cannot read, a folder that cannot be written: said in one line, not as a stack trace.
  io.err(`\n✘ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
