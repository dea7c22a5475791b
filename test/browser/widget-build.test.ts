/**
 * widget/build.ts: one ES module (and the go-live views it loads lazily) with their _headers, the guard that refuses a
 * bundle holding a secret, and the template shrinking that keeps /widget.js within its budget.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { buildWidget, findSecrets, WIDGET_DIST } from "../../widget/build";
import { markSchemasPure } from "../../widget/pure-schemas";
import { shrinkTemplates } from "../../widget/template-whitespace";

/** What /widget.js may weigh gzipped: every admin page load pays it. */
const MAIN_BUDGET_BYTES = 30_000;

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

test("the go-live views are a second, self-contained file that /widget.js imports only when needed", async () => {
  const built = await buildWidget({ quiet: true });
  console.log(`widget.js ${built.gzipBytes} bytes gzipped; go-live.js ${built.goLive.gzipBytes} bytes gzipped`);
  expect(built.gzipBytes).toBeLessThanOrEqual(MAIN_BUDGET_BYTES);
  const main = readFileSync(built.file, "utf8");
  const goLive = readFileSync(built.goLive.file, "utf8");
  expect(built.goLive.file).toBe(join(WIDGET_DIST, "go-live.js"));
  // The preview's and the checklist's words and schemas live in go-live.js only.
  for (const word of ["create-in-poweroffice", "poweroffice-privileges", "Start syncing", "Start synkronisering"]) {
    expect(main).not.toContain(word);
    expect(goLive).toContain(word);
  }
  expect(main).toContain("go-live.js");
  expect(goLive).not.toMatch(/^\s*import\s/m);
  expect(goLive).toContain("poweroffice-sync-go-live");
  expect(findSecrets(goLive)).toEqual([]);
  expect(readFileSync(join(WIDGET_DIST, "_headers"), "utf8")).toMatch(
    /\n\/go-live\.js\n {2}Cache-Control: public, max-age=300\n {2}Access-Control-Allow-Origin: \*\n/,
  );
});

test("PowerOffice's connection: widget.js has its one line, the form, question and outcomes are in go-live.js", async () => {
  const built = await buildWidget({ quiet: true });
  const main = readFileSync(built.file, "utf8");
  const goLive = readFileSync(built.goLive.file, "utf8");
  // The line, the secret's note and Disconnect, in both languages: shown without go-live.js after go-live.
  for (const word of ["Connected to", "Koblet til", "Connected with a client key", "Koble fra", "is not connected"]) {
    expect(main).toContain(word);
  }
  for (const word of ["Keep connected", "Behold tilkoblingen", "connect-org", "whitelist it", "took longer than 15"]) {
    expect(main).not.toContain(word);
    expect(goLive).toContain(word);
  }
  expect(goLive).toContain("poweroffice-sync-connection");
});

test("schemas /widget.js never uses are left out of it (valibot's builders are marked pure at build)", async () => {
  const built = await buildWidget({ quiet: true });
  const main = readFileSync(built.file, "utf8");
  // shared/webshop/common.ts's field schemas: the widget imports only the list of resources from that module.
  expect(main).not.toContain("must be an RFC 3339 UTC time");
  expect(main).not.toContain("must be a decimal string");
  // The connection's full schema is go-live.js's; widget.js reads only the fields of its line.
  expect(main).not.toContain("organizationNumber must be");
});

test("only valibot's schema builders are marked pure, never a call that acts", () => {
  const source = [
    "const A = v.object({ a: v.pipe(v.string(), v.minLength(1)) });",
    "const r = v.safeParse(A, x);",
    "v.parse(A, y);",
    "const n = other.object({});",
  ].join("\n");
  expect(markSchemasPure(source)).toBe(
    [
      "const A = /* @__PURE__ */ v.object({ a: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.minLength(1)) });",
      "const r = v.safeParse(A, x);",
      "v.parse(A, y);",
      "const n = other.object({});",
    ].join("\n"),
  );
});

test("templates lose their indentation and CSS comments, nothing else does", () => {
  // \u0024 is "$": the source below has template placeholders, written in plain strings.
  const source = [
    "const s = css`",
    "  /* why */",
    "  .a {",
    "    color: red;",
    "  }",
    "`;",
    "const t = html`<p",
    '    class="x"',
    "  >\u0024{a}</p>",
    "  \u0024{b}`;",
    "const u = `keep\n  this`; // /* and this */",
  ].join("\n");
  expect(shrinkTemplates(source)).toBe(
    [
      "const s = css` .a { color: red; } `;",
      'const t = html`<p class="x" >\u0024{a}</p> \u0024{b}`;',
      "const u = `keep\n  this`; // /* and this */",
    ].join("\n"),
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
