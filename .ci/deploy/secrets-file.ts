/**
 * The environment's secrets file (`.secrets[.<env>].env`, git-ignored, filled from secrets.example.env): read, and
 * checked with the very rules `/health` applies (parseConfig), so a value the worker would refuse stops the deploy
 * before anything reaches the account. Values named like one of the environment's [vars] replace that var in the
 * deployed configuration; the rest are uploaded as secrets.
 */
import { parseConfig } from "../../worker/wiring/config";

export type SecretsCheck =
  | {
      ok: true;
      /** Uploaded as the Worker's secrets with the deployment. */
      secrets: Record<string, string>;
      /** Replace the environment's [vars] of the same name in the deployed configuration. */
      vars: Record<string, string>;
      /** Accepted, but worth saying: the sync works, a part of it will not until this is set. */
      notes: string[];
    }
  | { ok: false; problems: string[] };

export interface SecretsRules {
  /** The file's name as the user typed it or as the default: every sentence names it. */
  file: string;
  /** The environment's [vars] from wrangler.toml. */
  vars: Record<string, string>;
  /** Every name the file may set: the names in secrets.example.env and the environment's [vars]. */
  names: ReadonlySet<string>;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;

/** One `NAME=value` a line; blank lines and lines starting with # are skipped; quotes around a value are removed. */
function parseLines(text: string, file: string): { values: Map<string, string>; problems: string[] } {
  const values = new Map<string, string>();
  const seenAt = new Map<string, number>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = LINE.exec(raw);
    if (!m) {
      problems.push(
        `Line ${index + 1} of ${file} is not NAME=value: write one setting a line, like WORKERS_PLAN=free.`,
      );
      return;
    }
    const name = m[1]!;
    const first = seenAt.get(name);
    if (first !== undefined) {
      problems.push(`${file} sets ${name} twice (lines ${first} and ${index + 1}): keep one.`);
      return;
    }
    seenAt.set(name, index + 1);
    values.set(name, unquote(m[2]!.trim()));
  });
  return { values, problems };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) return value.slice(1, -1);
  return value;
}

/** Checks the file's text; `text === null` when the file does not exist. */
export function checkSecretsFile(text: string | null, rules: SecretsRules): SecretsCheck {
  if (text === null) {
    return {
      ok: false,
      problems: [
        `${rules.file} does not exist: copy secrets.example.env to ${rules.file} and fill in every value (it is git-ignored; never commit it).`,
      ],
    };
  }
  const { values, problems } = parseLines(text, rules.file);
  for (const name of values.keys()) {
    if (!rules.names.has(name)) {
      problems.push(
        `${rules.file} sets ${name}, which the worker does not read: remove it or correct its name (secrets.example.env lists every name).`,
      );
    }
  }
  const vars: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of values) {
    if (!rules.names.has(name)) continue;
    if (name in rules.vars) vars[name] = value;
    else secrets[name] = value;
  }
  const config = parseConfig({ ...rules.vars, ...vars, ...secrets });
  if (!config.ok) problems.push(...config.problems.map((problem) => `${sentence(problem)}`));
  if (problems.length > 0 || !config.ok) return { ok: false, problems };

  // An optional secret left empty (POWEROFFICE_CLIENT_KEY, CREDENTIALS_KEY) is not set: never uploaded as "".
  for (const [name, value] of Object.entries(secrets)) if (value.trim() === "") delete secrets[name];
  const notes: string[] = [];
  if (config.config.poweroffice.clientKey === null && config.config.credentialsKey === null) {
    notes.push(
      `Neither POWEROFFICE_CLIENT_KEY nor CREDENTIALS_KEY is set in ${rules.file}: nothing can be synced until one is. Set CREDENTIALS_KEY (openssl rand -base64 32) to connect PowerOffice from the widget, or POWEROFFICE_CLIENT_KEY, and deploy again.`,
    );
  } else if (config.config.poweroffice.clientKey === null) {
    notes.push(
      `POWEROFFICE_CLIENT_KEY is not set in ${rules.file}: after the deploy, connect PowerOffice from the widget ("Connect PowerOffice"); nothing is synced until then.`,
    );
  }
  if (config.config.adminOrigins.length === 0) {
    notes.push(
      `ADMIN_ORIGINS is empty in ${rules.file}: the widget's API answers no admin page until you list your shop admin's origin (like https://admin.example.no) and deploy again.`,
    );
  }
  return { ok: true, secrets, vars, notes };
}

/** parseConfig's problems are clauses ("X is missing: set it to …"); printed here each as a sentence. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
