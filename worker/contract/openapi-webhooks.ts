/** The webhook the webshop sends to the worker (docs/webshop-api.md §9), signed per Standard Webhooks. */
import { webhookExample } from "./examples";

/**
 * The docs' worked example, signed with the test secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw over
 * `${id}.${timestamp}.${JSON.stringify(webhookExample)}`; test/node/contract checks the signature.
 */
export const SIGNED_EXAMPLE = {
  id: "msg_2Kx7QbRb4pW1n9Z3aYcVdEf",
  timestamp: "1795694400",
  body: JSON.stringify(webhookExample),
  signature: "v1,Vj6yIvaLvidvB12F5ISfiWAjy8IYUlk7BnoMXEa5ENE=",
};

const header = (name: string, description: string, schema: Record<string, unknown>, example: string) => ({
  name,
  in: "header",
  required: true,
  description,
  schema,
  example,
});

export function webhooks(): Record<string, unknown> {
  return {
    webshopEvent: {
      post: {
        operationId: "receiveWebshopEvent",
        tags: ["webhooks"],
        summary: "A record changed in the shop (sent to POST <worker>/webhooks/webshop)",
        description:
          "Sent for every change, including changes the worker made through the API. Signed per Standard Webhooks: " +
          "HMAC-SHA256 with the base64-decoded part of the secret after `whsec_`, over " +
          '`"<webhook-id>.<webhook-timestamp>.<raw body>"`, base64-encoded. data may carry the whole object; the ' +
          "worker re-reads it by id. A non-2xx answer is retried with backoff, with the same webhook-id.",
        parameters: [
          header(
            "webhook-id",
            "Unique per event and the same on every retry of it: the dedup key.",
            { type: "string", minLength: 1, maxLength: 255 },
            SIGNED_EXAMPLE.id,
          ),
          header(
            "webhook-timestamp",
            "Unix seconds when this attempt was sent; the worker refuses times more than 5 minutes off.",
            { type: "string", pattern: "^\\d+$" },
            SIGNED_EXAMPLE.timestamp,
          ),
          header(
            "webhook-signature",
            "`v1,<base64 signature>`; several space-separated while a secret is being rotated.",
            { type: "string", pattern: "^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$" },
            SIGNED_EXAMPLE.signature,
          ),
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/WebhookEvent" }, example: webhookExample },
          },
        },
        responses: {
          "2XX": {
            description:
              "Accepted (durably recorded, processed later), a webhook-id already seen, or a correctly signed event of a type the worker does not know (ignored with a log line).",
          },
          "400": { description: "The body is not a webhook event.", content: errorContent },
          "401": { description: "Bad signature, or a timestamp more than 5 minutes off.", content: errorContent },
        },
      },
    },
  };
}

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } };
