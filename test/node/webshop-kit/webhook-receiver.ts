/**
 * A local endpoint standing in for the sync worker's /webhooks/webshop: it keeps every delivery and checks its
 * Standard Webhooks signature the way docs/webshop-api.md §9 describes (HMAC-SHA256 over id.timestamp.body).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Delivery {
  id: string;
  timestamp: string;
  signatures: string[];
  body: string;
}

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      deliveries.push({
        id: String(request.headers["webhook-id"] ?? ""),
        timestamp: String(request.headers["webhook-timestamp"] ?? ""),
        signatures: String(request.headers["webhook-signature"] ?? "").split(" "),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/webshop`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** True when one of the delivery's `v1,` signatures is the one `secret` makes. */
export function signedWith(delivery: Delivery, secret: string): boolean {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${delivery.id}.${delivery.timestamp}.${delivery.body}`).digest();
  return delivery.signatures.some((signature) => {
    if (!signature.startsWith("v1,")) return false;
    const given = Buffer.from(signature.slice(3), "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
