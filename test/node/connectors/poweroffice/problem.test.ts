import { describe, expect, it } from "vitest";
import { errorForStatus } from "../../../../worker/connectors/poweroffice/errors";
import {
  existingIdFrom,
  isAlreadyInUse,
  readProblem,
  retryHintMs,
} from "../../../../worker/connectors/poweroffice/problem";

describe("PowerOffice error bodies", () => {
  it("reads ProblemDetails keys in any case and words the refusal for an admin", () => {
    const problem = readProblem(
      JSON.stringify({
        Title: "Customer validation error(s)",
        DETAIL: "ExternalImportReference is already in use. 'ABC123' is used on (contact) Id = 123456789.",
        status: 400,
      }),
    );
    expect(problem).toMatchObject({ title: "Customer validation error(s)", status: 400 });
    expect(isAlreadyInUse(problem)).toBe(true);
    expect(existingIdFrom(problem)).toBe("123456789");
    const error = errorForStatus(400, problem, { operation: "POST /Customers", entity: "customer" });
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe(
      "PowerOffice refused the customer: ExternalImportReference is already in use. 'ABC123' is used on (contact) Id = 123456789.",
    );
    const failed = errorForStatus(500, readProblem('{"detail":"Simulated failure."}'), {
      operation: "GET /Products",
      entity: "product",
    });
    expect(failed.message).toBe(
      "PowerOffice failed with HTTP 500 on GET /Products: Simulated failure. This is on PowerOffice's side; the sync will try again.",
    );
  });

  it("finds a uuid named as the existing sales order", () => {
    const problem = readProblem(
      JSON.stringify({
        detail:
          "ExternalImportReference is already in use. 'o-1' is used on (salesorder) Id = 38ECFC1A-BF51-448F-99A8-A61BC5771109.",
      }),
    );
    expect(existingIdFrom(problem)).toBe("38ecfc1a-bf51-448f-99a8-a61bc5771109");
  });

  it("reads the gateway's 429 hint and the token endpoint's error shape", () => {
    expect(
      retryHintMs(readProblem('{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 3 seconds."}')),
    ).toBe(3000);
    expect(readProblem('{"error":"invalid_client","error_description":"Unknown client"}')).toMatchObject({
      title: "invalid_client",
      detail: "Unknown client",
    });
    expect(readProblem("")).toBeUndefined();
    expect(readProblem("<html>bad gateway</html>")).toEqual({ raw: "<html>bad gateway</html>" });
  });
});
