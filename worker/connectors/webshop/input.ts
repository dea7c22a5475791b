/** Checks what the caller asks to send against the contract's input schemas, so a bad body is never sent. */
import * as v from "valibot";
import type { Resource } from "../../../shared/webshop";
import { ENTITY, fail, ok, type Result, show } from "./errors";

export function checkInput<T>(resource: Resource, schema: v.GenericSchema<unknown, T>, body: unknown): Result<T> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return ok(parsed.output);
  const issue = parsed.issues[0];
  const field = v.getDotPath(issue);
  let what: string;
  if (field === null)
    what = issue.message; // a rule across fields, e.g. "a person needs first_name and last_name"
  else if (issue.type === "strict_object" && issue.expected === "never")
    what = `${field} is not a field the contract lets the worker send`;
  else if (issue.input === undefined) what = `${field} is required`;
  else if (issue.message.startsWith("Invalid ")) what = `${field} ${show(issue.input)} must be ${issue.expected}`;
  else what = `${field} ${show(issue.input)} ${issue.message}`;
  return fail({
    kind: "invalid-input",
    operation: "none (not sent)",
    resource,
    field: field ?? "(body)",
    value: field === null ? body : issue.input,
    message: `Cannot send the ${ENTITY[resource]} to the webshop: ${what}. Nothing was sent.`,
  });
}
