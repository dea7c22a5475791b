import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createReference, lineReference, MAX_REFERENCE_LENGTH } from "../../../worker/core/references";
import { base32, sha256 } from "../../../worker/core/sha256";

describe("create references", () => {
  it("shop → PowerOffice: ws-c-/ws-o- plus the shop id for customers and orders", () => {
    expect(createReference("customers", "poweroffice", "c-17", {})).toBe("ws-c-c-17");
    expect(createReference("orders", "poweroffice", "1001", {})).toBe("ws-o-1001");
  });

  it("shop → PowerOffice: products and departments use their sku / department_code as Code", () => {
    expect(createReference("products", "poweroffice", "p-1", { sku: " SKU-1 " })).toBe("SKU-1");
    expect(createReference("departments", "poweroffice", "c-90", { department_code: "SALG" })).toBe("SALG");
  });

  it("PowerOffice → shop: the Idempotency-Key po-<dataflow>-<id>", () => {
    expect(createReference("customers", "webshop", "5001", {})).toBe("po-customers-5001");
    expect(createReference("orders", "webshop", "6f1c", {})).toBe("po-orders-6f1c");
  });

  it("a long shop id is hashed to stay within PowerOffice's 50 characters, deterministically", () => {
    const id = "x".repeat(60);
    const ref = createReference("customers", "poweroffice", id, {});
    expect(ref).toMatch(/^ws-c-h-[a-z2-7]{40}$/);
    expect(ref.length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
    expect(createReference("customers", "poweroffice", id, {})).toBe(ref);
    expect(createReference("customers", "poweroffice", `${id}y`, {})).not.toBe(ref);
    expect(lineReference("l-1")).toBe("ws-l-l-1");
    expect(lineReference("y".repeat(46))).toMatch(/^ws-l-h-/);
  });

  it("every reference is at most 50 characters and the same id always gives the same one", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 255 }), (id) => {
        for (const dataflow of ["customers", "orders"] as const) {
          const ref = createReference(dataflow, "poweroffice", id, {});
          expect(ref.length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
          expect(createReference(dataflow, "poweroffice", id, {})).toBe(ref);
        }
      }),
    );
  });
});

describe("sha256 and base32", () => {
  it("matches node's SHA-256 for any text", () => {
    expect(Buffer.from(sha256("")).toString("hex")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "grapheme" }), (s) => {
        expect(Buffer.from(sha256(s)).toString("hex")).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
      }),
    );
  });

  it("base32 follows RFC 4648 (lower-case, no padding)", () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s));
    expect(enc("")).toBe("");
    expect(enc("f")).toBe("my");
    expect(enc("fo")).toBe("mzxq");
    expect(enc("foo")).toBe("mzxw6");
    expect(enc("foob")).toBe("mzxw6yq");
    expect(enc("fooba")).toBe("mzxw6ytb");
    expect(enc("foobar")).toBe("mzxw6ytboi");
  });
});
