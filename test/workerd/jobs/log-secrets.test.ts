/**
 * The worker's logs over a whole sync: a backfill both ways, edits on both sides, a webhook, an admin's push and a
 * replay. EVERY line (console.log/info/warn/error/debug, and the lines the worker hands its log hook) is searched for
 * every secret it holds (the configured keys, tokens and webhook secret, the PowerOffice access token it was issued,
 * the widget token the admin used) and for the personal data the records carried (names, e-mails, phone numbers,
 * addresses): none may appear. Each kind of job (cron, queue, webhook, admin) must have logged its JSON line with a
 * correlation id.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { API_PATHS } from "../../../shared/api/paths";
import { JOB_KINDS } from "../../../worker/status/job-log";
import { SECRET_NAMES } from "../../../worker/wiring/config";
import { TEST_VARS } from "../../test-vars";
import { createApiWorld } from "../http/api/api-world";
import { testToken } from "../http/api/tokens";

const captured: string[] = [];
const text = (value: unknown): string =>
  value instanceof Error
    ? `${value.name}: ${value.message}\n${value.stack ?? ""}`
    : typeof value === "string"
      ? value
      : (JSON.stringify(value) ?? String(value));

beforeEach(() => {
  captured.length = 0;
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(args.map(text).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

it("no log line of a whole sync holds a secret or a record's personal data, and every job logged its line", async () => {
  const world = await createApiWorld();
  const po = world.poweroffice;
  const personal = {
    poName: "Solveig",
    poLastName: "Kvernmo",
    poEmail: "solveig.kvernmo@hemmelig.no",
    poPhone: "+47 41 52 63 74",
    poStreet: "Lønnveien 17",
    shopName: "Torbjørn",
    shopLastName: "Aasheim",
    shopEmail: "torbjorn.aasheim@privat.no",
    shopPhone: "+47 98 76 54 32",
    shopStreet: "Bjørkelia 3",
  };
  const poCustomer = po.seed.customer({
    IsPerson: true,
    FirstName: personal.poName,
    LastName: personal.poLastName,
    EmailAddress: personal.poEmail,
    PhoneNumber: personal.poPhone,
    MailAddress: { AddressLine1: personal.poStreet, ZipCode: "0155", City: "Oslo", CountryCode: "NO" },
  });
  po.seed.product({ Code: "LOGG-1", Name: "Loggvare", UnitPrice: 100 });
  const shopCustomer = world.shop.seed.customer({
    kind: "person",
    first_name: personal.shopName,
    last_name: personal.shopLastName,
    email: personal.shopEmail,
    phone: personal.shopPhone,
    billing_address: { line1: personal.shopStreet, line2: null, postal_code: "1410", city: "Kolbotn", country: "NO" },
  });
  const shopProduct = world.shop.seed.product({ sku: "LOGG-2", name: "Butikkvare", price: "20.00" });

  // Backfill both ways.
  for (let n = 0; n < 3; n++) await world.cycle();
  // Edits on both sides: PowerOffice's by the feed, the shop's by its webhook.
  po.edit("customers", poCustomer.Id, { PhoneNumber: "+47 41 00 00 01" });
  world.shop.edit("customers", shopCustomer.id, { phone: "+47 98 00 00 02" });
  await world.cycle();
  // An admin pushes a record, with a widget token.
  const widgetToken = await testToken("write", world.clock.now());
  world.shop.edit("products", shopProduct.id, { name: "Butikkvare 2" });
  const pushed = await world.send("POST", API_PATHS.push, {
    token: { raw: widgetToken },
    body: { resource: "products", id: shopProduct.id },
    headers: { "Idempotency-Key": "log-push-1" },
  });
  expect(pushed.status).toBe(200);
  await world.cycle();
  // A webhook with a bad signature is refused and logged too.
  await world.worker.fetch(
    new Request("https://worker.test/webhooks/webshop", {
      method: "POST",
      headers: {
        "webhook-id": "msg_forged",
        "webhook-timestamp": String(Math.floor(world.clock.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      },
      body: "{}",
    }),
    world.env,
  );

  const lines = [...captured, ...world.logs];
  expect(lines.length).toBeGreaterThan(0);

  const secrets = new Set<string>();
  for (const name of SECRET_NAMES) {
    for (const value of [world.env[name], TEST_VARS[name]]) if (typeof value === "string") secrets.add(value);
  }
  // Three PowerOffice keys per world (and the three of TEST_VARS), plus the four shared secrets (CREDENTIALS_KEY too).
  expect(secrets.size).toBe(10);
  secrets.add(TEST_VARS.WEBSHOP_WEBHOOK_SECRET.replace(/^whsec_/, ""));
  secrets.add(btoa(`${world.env.POWEROFFICE_APPLICATION_KEY}:${world.env.POWEROFFICE_CLIENT_KEY}`));
  const cached = await env.CACHE.list({ prefix: "poweroffice:token:" });
  for (const key of cached.keys) {
    secrets.add((JSON.parse((await env.CACHE.get(key.name))!) as { token: string }).token);
  }
  expect(po.tokensIssued()).toBeGreaterThan(0);
  expect(cached.keys.length).toBeGreaterThan(0);
  secrets.add(widgetToken);
  for (const part of widgetToken.split(".")) secrets.add(part);

  const leaks = lines.flatMap((line) =>
    [...secrets, ...Object.values(personal)]
      .filter((value) => line.toLowerCase().includes(value.toLowerCase()))
      .map((value) => `${value.slice(0, 8)}… in: ${line.slice(0, 160)}`),
  );
  expect(leaks).toEqual([]);

  const jobLines = lines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as { kind?: string; correlationId?: unknown };
      return parsed && typeof parsed.kind === "string" ? [parsed] : [];
    } catch {
      return [];
    }
  });
  for (const kind of JOB_KINDS) {
    const ofKind = jobLines.filter((l) => l.kind === kind);
    expect(ofKind.length, `${kind} lines`).toBeGreaterThan(0);
    for (const line of ofKind)
      expect(typeof line.correlationId === "string" && line.correlationId.length > 0).toBe(true);
  }
  // The webhook's line names it by its webhook-id, and so does the line of its sync after the answer.
  const webhookLines = jobLines.filter((l) => l.kind === "webhook") as Array<{ correlationId: string; result: string }>;
  expect(webhookLines.find((l) => l.correlationId === "msg_forged")?.result).toBe("not-authentic: signature-mismatch");
  const accepted = webhookLines.find((l) => l.result === "accepted")!;
  const synced = webhookLines.filter((l) => l.correlationId === accepted.correlationId && l.result === "processed");
  expect(synced).toHaveLength(1);
});
