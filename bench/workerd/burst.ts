/**
 * (5) Webhook intake under a burst: 2,000 real change events of the shop (50 phone edits on each of 40 of 250 linked
 * customers: 40 stays within the mass-change brake's 20 %, which would rightly hold a change to every customer at
 * once), each signed per Standard Webhooks and POSTed to the worker inside workerd by a loopback client with 50
 * requests in flight; the count is fixed, so it stops by itself. Then, once the Queue has drained: every event in the
 * inbox exactly once and processed, no version handed to the sync twice, no dead letter, PowerOffice holding each
 * customer's last phone, and no record created twice.
 */
import { signatureHeader } from "../../webshop-kit/src/webhooks/signing";
import type { BenchRow } from "../types";
import { startStack } from "./stack";

const CUSTOMERS = 250;
const EDITED = 40;
const EDITS_EACH = Number(process.env.BENCH_BURST_EDITS_EACH ?? 50);
const IN_FLIGHT = 50;
const DRAIN_TIMEOUT_MS = 10 * 60_000;

export async function run(): Promise<BenchRow[]> {
  const stack = await startStack({ portBase: 9240, shopWebhooks: "manual" });
  try {
    const { sim, shop } = stack;
    const { customers, partner } = await stack.linkShopCustomers(CUSTOMERS, "Burst");
    const poCount = sim.count("customers");
    const shopCount = shop.count("customers");
    const mark = shop.webhooks.sent.length;
    for (let round = 0; round < EDITS_EACH; round++)
      for (const [i, c] of customers.slice(0, EDITED).entries())
        shop.edit("customers", c.id, { phone: `+47 4${String(round).padStart(2, "0")}${String(i).padStart(5, "0")}` });
    const events = shop.webhooks.sent.slice(mark).map((e) => ({ id: e.id, body: e.body }));
    const total = events.length;

    // The burst: a fixed list, IN_FLIGHT senders taking the next event until none is left.
    const statuses = new Map<number, number>();
    let failures = 0;
    let next = 0;
    const url = `${stack.url}/webhooks/webshop`;
    const key = await hmacKey(stack.vars.WEBSHOP_WEBHOOK_SECRET);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let n = next++; n < total; n = next++) {
          const event = events[n]!;
          const timestamp = Math.floor(Date.now() / 1000);
          try {
            const response = await fetch(url, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "webhook-id": event.id,
                "webhook-timestamp": String(timestamp),
                "webhook-signature": await signatureHeader([key], event.id, timestamp, event.body),
              },
              body: event.body,
            });
            await response.body?.cancel();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          } catch {
            failures += 1;
          }
        }
      }),
    );
    const sendSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`  sent ${total} in ${sendSeconds.toFixed(1)} s; waiting for the queue to drain …\n`);

    const ids = new Set(events.map((e) => e.id));
    const drainStarted = performance.now();
    let rows: Array<{
      webhook_id: string;
      status: string;
      outcome: string | null;
      resource_id: string;
      handled_version: number | null;
    }> = [];
    for (;;) {
      await stack.idle(1_500, DRAIN_TIMEOUT_MS);
      rows = (
        await stack.query<(typeof rows)[number]>(
          "SELECT webhook_id, status, outcome, resource_id, handled_version FROM webhook_inbox",
        )
      ).filter((r) => ids.has(r.webhook_id));
      if (rows.every((r) => r.status === "processed" || r.status === "dead-lettered")) break;
      if (performance.now() - drainStarted > DRAIN_TIMEOUT_MS) break;
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;

    const accepted = statuses.get(202) ?? 0;
    const processed = rows.filter((r) => r.status === "processed").length;
    const deadLetters = Number((await stack.query<{ n: number }>("SELECT count(*) AS n FROM dead_letters"))[0]?.n ?? 0);
    const handedOff = new Map<string, number>();
    for (const r of rows)
      if (r.outcome === "changed") {
        const key = `${r.resource_id}@${r.handled_version}`;
        handedOff.set(key, (handedOff.get(key) ?? 0) + 1);
      }
    const handedTwice = [...handedOff.values()].filter((n) => n > 1).length;
    const wrongPhone = customers.filter((c) => {
      const poId = partner.get(c.id);
      return !poId || sim.get("customers", poId)?.PhoneNumber !== shop.get("customers", c.id)?.phone;
    }).length;
    const duplicates = sim.count("customers") - poCount + (shop.count("customers") - shopCount);
    const errors = total - accepted;
    const exactlyOnce =
      rows.length === total &&
      processed === total &&
      handedTwice === 0 &&
      deadLetters === 0 &&
      wrongPhone === 0 &&
      duplicates === 0;
    const statusText = [...statuses].map(([s, n]) => `${n}× ${s}`).join(", ");
    return [
      {
        figure: "5. webhook burst: intake",
        value: `${(total / sendSeconds).toFixed(0)} accepted/s (${total} in ${sendSeconds.toFixed(1)} s: ${statusText}${failures ? `, ${failures} network errors` : ""}); ${errors} errors`,
        target: "every webhook accepted (2xx), no errors",
        met: errors === 0,
        setup: `workerd (Miniflare, local D1/KV/Queue); ${total} distinct signed events (${EDITS_EACH} phone edits on each of ${EDITED} of ${CUSTOMERS} linked customers), ${IN_FLIGHT} in flight from one loopback client`,
        data: { total, sendSeconds, statuses: Object.fromEntries(statuses), failures },
      },
      {
        figure: "5. webhook burst: exactly once",
        value: `${exactlyOnce ? "yes" : "NO"}: ${rows.length} inbox rows, ${processed} processed in ${drainSeconds.toFixed(0)} s after the burst; ${handedTwice} versions handed off twice; ${deadLetters} dead letters; ${wrongPhone} customers with another phone in PowerOffice; ${duplicates} records created twice`,
        target: "every event processed exactly once",
        met: exactlyOnce,
        setup: `the same run: the inbox (one row per webhook-id), the handed-off versions, dead letters, and both simulators afterwards; the Queue with wrangler.toml's consumer settings`,
        data: { rows: rows.length, processed, handedTwice, deadLetters, wrongPhone, duplicates, drainSeconds },
      },
    ];
  } finally {
    await stack.stop();
  }
}

/** The HMAC key of a `whsec_<base64>` secret, as the kit's sender imports it. */
function hmacKey(secret: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}
