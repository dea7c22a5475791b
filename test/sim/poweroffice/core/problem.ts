/**
 * Expected API failures as values that carry PowerOffice's answer: RFC 7807 ProblemDetails with lower-case keys
 * (`type,title,status,detail,instance`), as the OpenAPI examples and ASP.NET write them.
 */

const TYPES: Record<number, string> = {
  400: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
  403: "https://tools.ietf.org/html/rfc7231#section-6.5.3",
  404: "https://tools.ietf.org/html/rfc7231#section-6.5.4",
  409: "https://tools.ietf.org/html/rfc7231#section-6.5.8",
  415: "https://tools.ietf.org/html/rfc7231#section-6.5.13",
  500: "https://tools.ietf.org/html/rfc7231#section-6.6.1",
  502: "https://tools.ietf.org/html/rfc7231#section-6.6.3",
  503: "https://tools.ietf.org/html/rfc7231#section-6.6.4",
  504: "https://tools.ietf.org/html/rfc7231#section-6.6.5",
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  [extra: string]: unknown;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

export const TITLE_NOT_FOUND = "Object(s) not found";
export const TITLE_INVALID_INPUT = "One or more validation errors occurred.";

export function notFound(what: string, id: string | number): ProblemError {
  return new ProblemError(404, TITLE_NOT_FOUND, `${what} with id = ${id} not found.`);
}

/** ASP.NET's model-binding failure for one query/route value, with the `errors` map it adds. */
export function invalidValue(name: string, value: string): ProblemError {
  const message = `The value '${value}' is not valid for ${name}.`;
  return new ProblemError(400, TITLE_INVALID_INPUT, message, { errors: { [name]: [message] } });
}

export function problemBody(status: number, title: string, detail: string, instance: string): ProblemDetails {
  return { type: TYPES[status] ?? TYPES[500]!, title, status, detail, instance };
}

export function problemResponse(error: ProblemError, instance: string): Response {
  const body = { ...problemBody(error.status, error.title, error.detail, instance), ...error.extra };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": "application/problem+json; charset=utf-8" },
  });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The API gateway's own JSON (Azure API Management), used for subscription-key, throttling and routing errors. */
export function gatewayResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { statusCode: status, message }, headers);
}
