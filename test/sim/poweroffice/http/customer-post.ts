/** The one POST rule the field specs cannot express: ContactAddressPostDto requires City and ZipCode. */
import { ProblemError, TITLE_INVALID_INPUT } from "../core/problem";

export function requireMailAddressBasics(input: Record<string, unknown>): void {
  const address = input.MailAddress as Record<string, unknown> | null | undefined;
  if (!address) return;
  const errors: Record<string, string[]> = {};
  for (const name of ["City", "ZipCode"]) {
    if (address[name] === null || address[name] === undefined || address[name] === "") {
      errors[`MailAddress.${name}`] = [`The ${name} field is required.`];
    }
  }
  const messages = Object.values(errors).flat();
  if (messages.length > 0) throw new ProblemError(400, TITLE_INVALID_INPUT, messages.join(" "), { errors });
}
