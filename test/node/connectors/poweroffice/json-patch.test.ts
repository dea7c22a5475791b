import { describe, expect, it } from "vitest";
import { CUSTOMER_PATCH, DEPARTMENT_PATCH, diffPatch } from "../../../../worker/connectors/poweroffice/json-patch";

describe("JSON Patch from a field diff", () => {
  it("replaces only what differs, with PascalCase paths, nested address members one by one", () => {
    const current = {
      Name: "Acme AS",
      EmailAddress: "post@acme.no",
      PhoneNumber: null,
      MailAddress: { AddressLine1: "Gate 1", City: "Oslo", ZipCode: "0150" },
    };
    const desired = {
      Name: "Acme AS",
      EmailAddress: "ordre@acme.no",
      PhoneNumber: undefined,
      MailAddress: { AddressLine1: "Gate 1", City: "Bergen" },
    };
    const ops = diffPatch(CUSTOMER_PATCH, current, desired);
    expect(ops).toEqual({
      ok: true,
      value: [
        { op: "replace", path: "/EmailAddress", value: "ordre@acme.no" },
        { op: "replace", path: "/MailAddress/City", value: "Bergen" },
      ],
    });
  });

  it("is empty when nothing differs (null and missing are the same)", () => {
    const ops = diffPatch(
      CUSTOMER_PATCH,
      { Name: "A", WebsiteUrl: null },
      { Name: "A", WebsiteUrl: undefined, PhoneNumber: null },
    );
    expect(ops).toEqual({ ok: true, value: [] });
  });

  it("sets the whole address when PowerOffice has none to patch into", () => {
    const ops = diffPatch(CUSTOMER_PATCH, { MailAddress: null }, { MailAddress: { City: "Oslo", ZipCode: "0150" } });
    expect(ops).toEqual({
      ok: true,
      value: [{ op: "replace", path: "/MailAddress", value: { City: "Oslo", ZipCode: "0150" } }],
    });
  });

  it("refuses a changed field that the patch model does not have, naming it", () => {
    const ops = diffPatch(
      DEPARTMENT_PATCH,
      { Id: 1, CreatedDateTimeOffset: "a" },
      { Id: 1, CreatedDateTimeOffset: "b" },
    );
    expect(ops.ok).toBe(false);
    if (!ops.ok) {
      expect(ops.error).toMatchObject({ kind: "invalid-input", entity: "department", field: "CreatedDateTimeOffset" });
      expect(ops.error.message).toMatch(/CreatedDateTimeOffset cannot be changed/);
    }
  });
});
