/** widget/build.ts: one ES module with its _headers, and the guard that refuses a bundle holding a secret. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { buildWidget, findSecrets, WIDGET_DIST } from "../../widget/build";

test("builds one ES module and the _headers that give /widget.js its caching and CORS", async () => {
  const built = await buildWidget({ quiet: true });
  const code = readFileSync(built.file, "utf8");
  expect(built.gzipBytes).toBeLessThan(built.bytes);
  expect(built.gzipBytes).toBeLessThan(40 * 1024);
  expect(code).not.toMatch(/^\s*import\s/m);
  expect(code).toContain("poweroffice-sync-record");
  expect(findSecrets(code)).toEqual([]);
  const headers = readFileSync(join(WIDGET_DIST, "_headers"), "utf8");
  expect(headers).toMatch(
    /^\/widget\.js\n {2}Cache-Control: public, max-age=300\n {2}Access-Control-Allow-Origin: \*\n/,
  );
});

test("the guard names what looks secret", () => {
  expect(findSecrets('const k="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"')).toEqual([
    "a Standard Webhooks secret (whsec_…)",
  ]);
  expect(findSecrets("env.WIDGET_TOKEN_SECRET")).toEqual(["the name WIDGET_TOKEN_SECRET"]);
  expect(findSecrets("-----BEGIN PRIVATE KEY-----")).toEqual(["a PEM private key"]);
  expect(findSecrets("eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4eHh4eHgifQ.sig")).toEqual(["a JWT"]);
  expect(findSecrets('x="s3cr3t-value-of-the-shop"', ["s3cr3t-value-of-the-shop"])).toEqual([
    "a configured secret value (s3cr…)",
  ]);
  expect(findSecrets("customElements.define('poweroffice-sync', X)")).toEqual([]);
});
