/**
 * Request bodies as ASP.NET reads them: POST takes application/json (or json-patch+json, as the OpenAPI lists
 * both), PATCH only application/json-patch+json; anything else is 415. Unparseable or empty JSON is 400.
 */
import { ProblemError, TITLE_INVALID_INPUT } from "../core/problem";

export type BodyKind = "post" | "patch";

export async function readJson(request: Request, kind: BodyKind): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const accepted =
    kind === "patch" ? ["application/json-patch+json"] : ["application/json", "application/json-patch+json"];
  if (!accepted.includes(type)) {
    throw new ProblemError(
      415,
      "Unsupported Media Type",
      `Content-Type '${type || "(none)"}' is not supported here; send ${accepted.join(" or ")}.`,
    );
  }
  const text = await request.text();
  if (text.trim() === "") throw new ProblemError(400, TITLE_INVALID_INPUT, "A non-empty request body is required.");
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProblemError(400, TITLE_INVALID_INPUT, `The request body is not valid JSON: ${reason}`);
  }
}
