/** Request input through the shared/api schemas; a mismatch is a 400 naming each field and what it must be. */
import * as v from "valibot";
import { fail } from "./api-failure";

export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return parsed.output;
  const problems = parsed.issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return fail("invalid_request", `The ${what} is not valid: ${problems.join("; ")}.`);
}

/** The JSON body, or a 400 in words when it is not JSON at all. */
export async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return fail("invalid_request", "The body is not JSON: send Content-Type: application/json with a JSON object.");
  }
}
