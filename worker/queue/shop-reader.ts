/**
 * What the consumer needs from the webshop: the current record by id (contract §3, `GET /R/{id}`), or "not found".
 * `fetchShopRecordReader` is a minimal implementation of it for when no webshop connector is wired in.
 */
import * as v from "valibot";
import { Customer, Order, Product, type Resource } from "../../shared/webshop";

export type WebshopRecord = Customer | Product | Order;

export type ShopRead =
  | { ok: true; found: true; record: WebshopRecord }
  | { ok: true; found: false }
  /** Worth another try later; `retryAfterSeconds` when the shop asked for a pause (429). */
  | { ok: false; message: string; retryAfterSeconds?: number };

export interface ShopRecordReader {
  get(resource: Resource, id: string): Promise<ShopRead>;
}

export type FetchLike = (request: Request) => Promise<Response>;

const SCHEMAS = { customers: Customer, products: Product, orders: Order } satisfies Record<
  Resource,
  v.GenericSchema<unknown, WebshopRecord>
>;

/** No answer within this long counts as a failed read; the queue retries it later. */
export const READ_TIMEOUT_MS = 30_000;

/** One attempt per call: the queue's retry with growing delays is the backoff. */
export function fetchShopRecordReader(
  config: { baseUrl: string; apiToken: string },
  fetch: FetchLike,
): ShopRecordReader {
  return {
    async get(resource, id) {
      const path = `/${resource}/${encodeURIComponent(id)}`;
      const request = new Request(`${config.baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${config.apiToken}`, Accept: "application/json" },
        signal: AbortSignal.timeout(READ_TIMEOUT_MS),
      });
      let response: Response;
      try {
        response = await fetch(request);
      } catch (error) {
        return { ok: false, message: `The webshop did not answer GET ${path}: ${String(error)}` };
      }
      const body = await response.text();
      if (response.status === 404) return { ok: true, found: false };
      if (response.status !== 200) return { ok: false, ...statusFailure(path, response, body) };
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return { ok: false, message: `The webshop answered GET ${path} with a body that is not JSON.` };
      }
      const parsed = v.safeParse(SCHEMAS[resource], json);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        return {
          ok: false,
          message: `The webshop's answer to GET ${path} does not match the contract: ${v.getDotPath(issue) ?? "(body)"} ${issue.message}`,
        };
      }
      if (parsed.output.id !== id) {
        return { ok: false, message: `The webshop answered GET ${path} with another record (id ${parsed.output.id}).` };
      }
      return { ok: true, found: true, record: parsed.output };
    },
  };
}

function statusFailure(
  path: string,
  response: Response,
  body: string,
): { message: string; retryAfterSeconds?: number } {
  const said = shopMessage(body);
  const their = said ? `: ${said}` : "";
  if (response.status === 429) {
    const seconds = Number(response.headers.get("Retry-After"));
    return {
      message: `The webshop throttled GET ${path} (429)${their}.`,
      retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : undefined,
    };
  }
  if (response.status === 401 || response.status === 403) {
    return {
      message: `The webshop refused the API token on GET ${path} (${response.status})${their}. Check WEBSHOP_API_TOKEN.`,
    };
  }
  return { message: `The webshop answered GET ${path} with HTTP ${response.status}${their}.` };
}

function shopMessage(body: string): string | undefined {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof message === "string" ? message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
