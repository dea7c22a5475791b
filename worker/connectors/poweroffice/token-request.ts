/**
 * The token request itself: POST the token URL with grant_type=client_credentials, Basic base64(ApplicationKey:
 * ClientKey) and the subscription key header (https://developer.poweroffice.net/ → Authentication). Its failures are
 * worded by which setting to check.
 */
import * as v from "valibot";
import { exchange, networkError, parseJson } from "../http-exchange";
import { fail, ok, type PowerOfficeError, type Result } from "./errors";
import { type Problem, problemText, readProblem } from "./problem";
import { retryPolicy, throttleWaitMs } from "./retry-policy";
import type { Runtime } from "./runtime";
import type { Held } from "./token";

/** Used when the token answer leaves out expires_in (PowerOffice documents 1200). */
const DEFAULT_TOKEN_LIFETIME_S = 1200;

const TokenAnswer = v.object({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  expires_in: v.optional(v.pipe(v.union([v.number(), v.pipe(v.string(), v.decimal(), v.transform(Number))]))),
});

export async function requestToken(rt: Runtime, clientKey: string): Promise<Result<Held>> {
  const { tokenUrl, applicationKey, subscriptionKey } = rt.config;
  const operation = "POST /OAuth/Token";
  const startedAt = rt.now();
  const basic = base64(`${applicationKey}:${clientKey}`);
  const answer = await exchange(
    rt,
    (signal) =>
      new Request(tokenUrl, {
        method: "POST",
        headers: {
          Authorization: `Basic ${basic}`,
          "Ocp-Apim-Subscription-Key": subscriptionKey,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: "grant_type=client_credentials",
        signal,
      }),
    retryPolicy(rt, true),
  );
  if (!answer.ok) {
    return fail(
      networkError(
        operation,
        answer,
        `Could not reach PowerOffice's token endpoint (${tokenUrl}): ${answer.cause}. Check POWEROFFICE_TOKEN_URL; the sync will try again.`,
      ),
    );
  }
  const { status, body } = answer.response;
  if (status >= 200 && status < 300) {
    const json = parseJson(body);
    const parsed = v.safeParse(TokenAnswer, json.ok ? json.value : undefined);
    if (!parsed.success) {
      return fail({
        kind: "unexpected-response",
        operation,
        entity: "access token",
        path: "access_token",
        value: undefined, // never echo what may be a token
        message: `PowerOffice's token endpoint answered without a usable access_token/expires_in. Check that POWEROFFICE_TOKEN_URL is the OAuth token URL.`,
      });
    }
    const lifetime = parsed.output.expires_in ?? DEFAULT_TOKEN_LIFETIME_S;
    return ok({ token: parsed.output.access_token, expiresAt: startedAt + lifetime * 1000 });
  }
  return fail(
    tokenError(status, readProblem(body), answer.response, rt.now(), typeof rt.config.clientKey === "string"),
  );
}

function tokenError(
  status: number,
  problem: Problem | undefined,
  res: { headers: Headers; body: string; status: number },
  now: number,
  keyIsSecret: boolean,
): PowerOfficeError {
  const operation = "POST /OAuth/Token";
  const said = problemText(problem);
  const their = said ? ` (${said})` : "";
  if (status === 429) {
    return {
      kind: "rate-limited",
      operation,
      retryAfterMs: throttleWaitMs(res, now),
      message: `PowerOffice kept throttling the token request (429); the sync will try again later.`,
    };
  }
  if (status >= 500) {
    return {
      kind: "server",
      operation,
      status,
      problem,
      message: `PowerOffice's token endpoint failed with HTTP ${status}${their}; the sync will try again.`,
    };
  }
  const subscription = /subscription/i.test(said ?? "") || (status === 401 && !problem?.title);
  return {
    kind: "auth-failed",
    operation,
    status,
    problem,
    message: subscription
      ? `PowerOffice refused the subscription key${their}: check POWEROFFICE_SUBSCRIPTION_KEY (from the developer portal).`
      : keyIsSecret
        ? `PowerOffice refused the API keys${their}: check POWEROFFICE_APPLICATION_KEY and POWEROFFICE_CLIENT_KEY, and that they belong to the environment POWEROFFICE_TOKEN_URL points at (demo or production).`
        : `PowerOffice refused the client key it gave when it was connected${their}: the integration may have been removed under Settings → Extensions in PowerOffice GO. Disconnect and connect PowerOffice again in the sync widget (and check POWEROFFICE_APPLICATION_KEY).`,
  };
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
