/**
 * PowerOffice's onboarding (docs/poweroffice.md, "Onboarding"): `POST <base>/Onboarding/Initiate` and
 * `POST <base>/Onboarding/Finalize` carry the subscription key only (no client key exists yet), and
 * `GET <base>/ClientIntegrationInformation` reads, with a token, which privileges the integration holds.
 * Neither POST is re-sent after a lost answer: Finalize's token is one-time, and a second Initiate is harmless only
 * when the admin starts again.
 */
import * as v from "valibot";
import { exchange, parseJson } from "../http-exchange";
import type { Api } from "./api";
import { type Problem, problemText, readProblem } from "./problem";
import { retryPolicy } from "./retry-policy";
import type { Runtime } from "./runtime";

export type OnboardingFailure =
  /** Initiate refused the callback URL: it is not whitelisted by PowerOffice for this environment. */
  | { kind: "callback-refused"; message: string }
  /** PowerOffice refused the request (400) for another reason: its words are in `message`. */
  | { kind: "refused"; message: string; problem?: Problem }
  /** No usable answer (network, 5xx, throttled, a body we cannot read). */
  | { kind: "unavailable"; message: string };

export type OnboardingResult<T> = { ok: true; value: T } | { ok: false; error: OnboardingFailure };

const InitiateAnswer = v.object({
  TemporaryUrl: v.pipe(v.string(), v.url()),
  ValidUntilDateTimeOffset: v.optional(v.nullable(v.string())),
});

const OnboardedClient = v.object({
  ClientKey: v.pipe(v.string(), v.nonEmpty()),
  ClientName: v.optional(v.nullable(v.string()), null),
  ClientOrganizationNumber: v.optional(v.nullable(v.string()), null),
});

const FinalizeAnswer = v.object({
  OnboardedClientsInformation: v.array(OnboardedClient),
  UserEmail: v.optional(v.nullable(v.string()), null),
});

export type OnboardedClient = v.InferOutput<typeof OnboardedClient>;

const IntegrationInformation = v.object({
  ClientName: v.optional(v.nullable(v.string()), null),
  ClientOrganizationNumber: v.optional(v.nullable(v.string()), null),
  ValidPrivileges: v.optional(v.nullable(v.array(v.string())), []),
  InvalidPrivileges: v.optional(v.nullable(v.array(v.string())), []),
});

export type IntegrationInformation = v.InferOutput<typeof IntegrationInformation>;

/** A refusal of the RedirectUri, as far as PowerOffice's ProblemDetails let us tell it from other 400s. */
function refusesRedirect(problem: Problem | undefined): boolean {
  if (!problem) return false;
  const text = `${problem.title ?? ""} ${problem.detail ?? ""}`;
  return /redirect/i.test(text) || Object.keys(problem.errors ?? {}).some((field) => /redirect/i.test(field));
}

async function post(rt: Runtime, path: string, body: unknown): Promise<OnboardingResult<unknown>> {
  const answer = await exchange(
    rt,
    (signal) =>
      new Request(`${rt.config.baseUrl}${path}`, {
        method: "POST",
        headers: {
          "Ocp-Apim-Subscription-Key": rt.config.subscriptionKey,
          "Content-Type": "application/json",
          Accept: "application/json",
        },
        body: JSON.stringify(body),
        signal,
      }),
    retryPolicy(rt, false),
  );
  if (!answer.ok) {
    return { ok: false, error: { kind: "unavailable", message: `PowerOffice did not answer (${answer.cause}).` } };
  }
  const { status, body: text } = answer.response;
  if (status >= 200 && status < 300) {
    const json = parseJson(text);
    return json.ok ? { ok: true, value: json.value } : unreadable();
  }
  const problem = readProblem(text);
  const said = problemText(problem) ?? `HTTP ${status}`;
  if (status >= 400 && status < 500 && status !== 429) {
    if (path.endsWith("Initiate") && refusesRedirect(problem)) {
      return { ok: false, error: { kind: "callback-refused", message: said } };
    }
    return { ok: false, error: { kind: "refused", message: said, ...(problem ? { problem } : {}) } };
  }
  return { ok: false, error: { kind: "unavailable", message: `PowerOffice answered ${said}.` } };
}

const unreadable = (): OnboardingResult<never> => ({
  ok: false,
  error: { kind: "unavailable", message: "PowerOffice's answer could not be read." },
});

export function onboardingApi(rt: Runtime, api: Api) {
  return {
    async initiate(organizationNumber: string, redirectUri: string) {
      const sent = await post(rt, "/Onboarding/Initiate", {
        ApplicationKey: rt.config.applicationKey,
        ClientOrganizationNo: organizationNumber,
        RedirectUri: redirectUri,
      });
      if (!sent.ok) return sent;
      const parsed = v.safeParse(InitiateAnswer, sent.value);
      return parsed.success ? ({ ok: true, value: parsed.output } as const) : unreadable();
    },
    async finalize(onboardingToken: string) {
      const sent = await post(rt, "/Onboarding/Finalize", { OnboardingToken: onboardingToken });
      if (!sent.ok) return sent;
      const parsed = v.safeParse(FinalizeAnswer, sent.value);
      return parsed.success ? ({ ok: true, value: parsed.output } as const) : unreadable();
    },
    /** With the client's own token: null when it could not be read (the caller says "not checked yet"). */
    async integrationInformation(): Promise<IntegrationInformation | null> {
      const answer = await api.send({ method: "GET", path: "/ClientIntegrationInformation", entity: "access token" });
      if (!answer.ok) return null;
      const json = parseJson(answer.value.body);
      const parsed = v.safeParse(IntegrationInformation, json.ok ? json.value : undefined);
      return parsed.success ? parsed.output : null;
    },
  };
}

export type OnboardingApi = ReturnType<typeof onboardingApi>;
