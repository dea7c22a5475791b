import { describe, expect, it } from "vitest";
import {
  MAX_SIGNATURES,
  readSignedHeaders,
  TIMESTAMP_TOLERANCE_SECONDS,
  verifySignature,
} from "../../../worker/webhooks/standard-webhooks";
import { randomSecret, SECRET, sign } from "./helpers";

// The Standard Webhooks specification's own example (spec/standard-webhooks.md, "Signature scheme").
const SPEC = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const SPEC_NOW_MS = SPEC.timestamp * 1000;
const bytes = (text: string) => new TextEncoder().encode(text);

function headers(values: Record<string, string>) {
  return new Headers(values);
}

async function verifies(secrets: string[], values: Record<string, string>, body: string, nowMs: number) {
  const checked = readSignedHeaders(headers(values), nowMs);
  if (!checked.ok) return checked.failure;
  return verifySignature(secrets, checked.signed, bytes(body));
}

const specHeaders = (signature = SPEC.signature) => ({
  "webhook-id": SPEC.id,
  "webhook-timestamp": String(SPEC.timestamp),
  "webhook-signature": signature,
});

describe("Standard Webhooks verification", () => {
  it("the test signer reproduces the specification's example signature", async () => {
    expect(await sign(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body)).toBe(SPEC.signature);
  });

  it("accepts the specification's example", async () => {
    expect(await verifies([SPEC.secret], specHeaders(), SPEC.body, SPEC_NOW_MS)).toBe(true);
  });

  it("refuses the example with one byte of the body, the id or the timestamp changed", async () => {
    expect(await verifies([SPEC.secret], specHeaders(), '{"test": 2432232315}', SPEC_NOW_MS)).toBe(false);
    expect(
      await verifies([SPEC.secret], { ...specHeaders(), "webhook-id": `${SPEC.id}x` }, SPEC.body, SPEC_NOW_MS),
    ).toBe(false);
    const later = { ...specHeaders(), "webhook-timestamp": String(SPEC.timestamp + 1) };
    expect(await verifies([SPEC.secret], later, SPEC.body, SPEC_NOW_MS)).toBe(false);
  });

  it("refuses the example under another secret, and accepts it when that secret is one of two", async () => {
    const other = randomSecret();
    expect(await verifies([other], specHeaders(), SPEC.body, SPEC_NOW_MS)).toBe(false);
    expect(await verifies([other, SPEC.secret], specHeaders(), SPEC.body, SPEC_NOW_MS)).toBe(true);
  });

  it("signs the timestamp exactly as sent (leading zeros are part of the signed text)", async () => {
    const padded = `0${SPEC.timestamp}`;
    const signature = await sign(SPEC.secret, SPEC.id, padded, SPEC.body);
    const values = { ...specHeaders(signature), "webhook-timestamp": padded };
    expect(await verifies([SPEC.secret], values, SPEC.body, SPEC_NOW_MS)).toBe(true);
  });

  it("accepts when any one of several signatures matches, skipping other versions and bad base64", async () => {
    const wrong = await sign(randomSecret(), SPEC.id, SPEC.timestamp, SPEC.body);
    const header = `v1a,${SPEC.signature.slice(3)} v1,!!notbase64 ${wrong} ${SPEC.signature}`;
    expect(await verifies([SPEC.secret], specHeaders(header), SPEC.body, SPEC_NOW_MS)).toBe(true);
  });

  it("tries at most MAX_SIGNATURES signatures of one header", async () => {
    const wrong = await sign(randomSecret(), SPEC.id, SPEC.timestamp, SPEC.body);
    const header = [...Array(MAX_SIGNATURES).fill(wrong), SPEC.signature].join(" ");
    expect(await verifies([SPEC.secret], specHeaders(header), SPEC.body, SPEC_NOW_MS)).toBe(false);
  });

  it("refuses a truncated signature and one of the wrong length", async () => {
    expect(await verifies([SPEC.secret], specHeaders(SPEC.signature.slice(0, 23)), SPEC.body, SPEC_NOW_MS)).toBe(false);
    expect(await verifies([SPEC.secret], specHeaders("v1,AAAA"), SPEC.body, SPEC_NOW_MS)).toBe(false);
  });

  it("says which header is missing or unusable", () => {
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const values: Record<string, string> = specHeaders();
      delete values[name];
      expect(readSignedHeaders(headers(values), SPEC_NOW_MS)).toEqual({
        ok: false,
        failure: { reason: "missing-header", header: name },
      });
    }
    const at = (extra: Record<string, string>) =>
      readSignedHeaders(headers({ ...specHeaders(), ...extra }), SPEC_NOW_MS);
    expect(at({ "webhook-timestamp": "2021-02-26T15:02:10Z" })).toMatchObject({
      failure: { reason: "invalid-timestamp" },
    });
    expect(at({ "webhook-timestamp": "-5" })).toMatchObject({ failure: { reason: "invalid-timestamp" } });
    expect(at({ "webhook-id": "x".repeat(256) })).toMatchObject({ failure: { reason: "invalid-id", length: 256 } });
    expect(at({ "webhook-signature": "v2,abc v1a,abc" })).toMatchObject({ failure: { reason: "no-v1-signature" } });
  });

  it("accepts timestamps up to five minutes off either way, and refuses one second more", () => {
    const tolerance = TIMESTAMP_TOLERANCE_SECONDS;
    expect(tolerance).toBe(300);
    const at = (offsetSeconds: number) =>
      readSignedHeaders(headers(specHeaders()), SPEC_NOW_MS + offsetSeconds * 1000 + 999);
    expect(at(tolerance).ok).toBe(true); // 300.999 s old: whole seconds count
    expect(at(-tolerance).ok).toBe(true);
    expect(at(tolerance + 1)).toMatchObject({ failure: { reason: "timestamp-too-old", skewSeconds: 301 } });
    expect(at(-tolerance - 1)).toMatchObject({ failure: { reason: "timestamp-in-future", skewSeconds: 301 } });
  });

  it("verifies the bytes as received, not a re-encoding of them", async () => {
    const body = '{"type":"customer.updated",  "data":{"id":"ø"}}';
    const signature = await sign(SECRET, "msg_1", SPEC.timestamp, body);
    const values = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(SPEC.timestamp),
      "webhook-signature": signature,
    };
    expect(await verifies([SECRET], values, body, SPEC_NOW_MS)).toBe(true);
    expect(await verifies([SECRET], values, JSON.stringify(JSON.parse(body)), SPEC_NOW_MS)).toBe(false);
  });
});
