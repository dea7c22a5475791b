/**
 * PowerOffice's onboarding flow (docs/simulators.md, "Onboarding"): POST <base>/Onboarding/Initiate (subscription key
 * only) → the TemporaryUrl, here the simulator's own consent page → the browser is sent to RedirectUri with `status`
 * and `token` (query parameters already on it kept) → POST <base>/Onboarding/Finalize turns a one-time token into
 * the client key, which then works at the token endpoint. GET <base>/ClientIntegrationInformation (bearer) lists the
 * privileges the integration holds on the client.
 */
import type { Context, Hono } from "hono";
import { jsonResponse, ProblemError, TITLE_INVALID_INPUT } from "../core/problem";
import { readJson } from "./body";
import { type Environment, environmentOf } from "./oauth";

/** What the simulator's one client is called and which privileges the integration holds on it. */
export interface OnboardingClient {
  name: string;
  organizationNumber: string;
  /** The e-mail of the PowerOffice user who approves. */
  userEmail: string;
}

/** The privileges the sync needs, as ClientIntegrationInformation names them (docs/poweroffice.md, Onboarding). */
export const SYNC_PRIVILEGES = ["Customers_Full", "Departments_Full", "Products_Full", "SalesOrders_Full"] as const;

export const NON_SUCCESS_STATUSES = ["Canceled", "ClientNotFound", "NoClientAccess", "IntegrationBlocked"] as const;
type Decision = "Success" | (typeof NON_SUCCESS_STATUSES)[number];

/** How long a TemporaryUrl and an onboarding token stay usable (PowerOffice does not document either). */
export const TEMPORARY_URL_LIFETIME_MS = 30 * 60_000;
export const ONBOARDING_TOKEN_LIFETIME_MS = 10 * 60_000;

/** localhost callbacks are accepted without whitelisting, as the onboarding notes say. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

interface Consent {
  organizationNumber: string;
  redirectUri: string;
  environment: Environment;
  validUntil: number;
  answered: boolean;
}

interface PendingToken {
  environment: Environment;
  expiresAt: number;
}

export class OnboardingBook {
  readonly whitelist = new Set<string>();
  readonly invalidPrivileges = new Set<string>();
  /** Client keys handed out by Finalize: the token endpoint accepts each (until revoked). */
  readonly clientKeys = new Set<string>();
  private readonly consents = new Map<string, Consent>();
  private readonly tokens = new Map<string, PendingToken>();
  finalized = 0;

  constructor(
    readonly client: OnboardingClient,
    readonly applicationKey: string,
    private readonly now: () => number,
  ) {}

  /** RedirectUri without its query, as the whitelist compares it. */
  static whitelistKey(uri: string): string {
    const url = new URL(uri);
    return `${url.origin}${url.pathname}`;
  }

  accepts(redirectUri: string): boolean {
    const url = new URL(redirectUri);
    return LOOPBACK.has(url.hostname) || this.whitelist.has(OnboardingBook.whitelistKey(redirectUri));
  }

  initiate(body: unknown, environment: Environment, origin: string) {
    const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const invalid = (field: string, message: string) =>
      new ProblemError(400, TITLE_INVALID_INPUT, message, { errors: { [field]: [message] } });
    if (input.ApplicationKey !== this.applicationKey) {
      throw invalid("ApplicationKey", "The ApplicationKey is not a valid application key.");
    }
    const org = input.ClientOrganizationNo;
    if (typeof org !== "string" || !/^\d{9}$/.test(org)) {
      throw invalid(
        "ClientOrganizationNo",
        "ClientOrganizationNo must be a Norwegian organization number of 9 digits.",
      );
    }
    const redirect = input.RedirectUri;
    let parsed: URL | null = null;
    try {
      parsed = typeof redirect === "string" ? new URL(redirect) : null;
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) {
      throw invalid("RedirectUri", "RedirectUri must be an absolute http(s) URL.");
    }
    if (!this.accepts(parsed.href)) {
      throw new ProblemError(
        400,
        "RedirectUri not whitelisted",
        `The RedirectUri '${OnboardingBook.whitelistKey(parsed.href)}' is not whitelisted for this application in the ${environment} environment. Contact PowerOffice to have it whitelisted.`,
        { errors: { RedirectUri: ["The RedirectUri is not whitelisted."] } },
      );
    }
    const id = crypto.randomUUID();
    const validUntil = this.now() + TEMPORARY_URL_LIFETIME_MS;
    this.consents.set(id, {
      organizationNumber: org,
      redirectUri: parsed.href,
      environment,
      validUntil,
      answered: false,
    });
    return {
      TemporaryUrl: `${origin}/Onboarding/Consent/${id}`,
      ValidUntilDateTimeOffset: new Date(validUntil).toISOString(),
    };
  }

  consent(id: string): Consent | null {
    const consent = this.consents.get(id);
    return consent && !consent.answered && this.now() < consent.validUntil ? consent : null;
  }

  /** The user's answer on the consent page: where the browser goes next. */
  answer(id: string, decision: Decision): string | null {
    const consent = this.consent(id);
    if (!consent) return null;
    consent.answered = true;
    const url = new URL(consent.redirectUri);
    // A client the user cannot reach by that number is ClientNotFound whatever they pressed.
    const status =
      decision === "Success" && consent.organizationNumber !== this.client.organizationNumber
        ? "ClientNotFound"
        : decision;
    url.searchParams.set("status", status);
    if (status === "Success") {
      const token = crypto.randomUUID().replace(/-/g, "");
      this.tokens.set(token, {
        environment: consent.environment,
        expiresAt: this.now() + ONBOARDING_TOKEN_LIFETIME_MS,
      });
      url.searchParams.set("token", token);
    } else {
      url.searchParams.set("token", "");
    }
    return url.href;
  }

  finalize(body: unknown, environment: Environment) {
    const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const token = typeof input.OnboardingToken === "string" ? input.OnboardingToken : "";
    const pending = this.tokens.get(token);
    // One-time: a token is gone after its first Finalize, used or expired.
    this.tokens.delete(token);
    if (!pending || pending.environment !== environment || this.now() >= pending.expiresAt) {
      throw new ProblemError(
        400,
        TITLE_INVALID_INPUT,
        "The onboarding token is not valid: it is unknown, was already used, or has expired.",
        { errors: { OnboardingToken: ["The onboarding token is not valid."] } },
      );
    }
    const clientKey = crypto.randomUUID();
    this.clientKeys.add(clientKey);
    this.finalized += 1;
    return {
      OnboardedClientsInformation: [
        {
          ClientKey: clientKey,
          ClientName: this.client.name,
          ClientOrganizationNumber: this.client.organizationNumber,
        },
      ],
      UserEmail: this.client.userEmail,
    };
  }

  integrationInformation() {
    return {
      ClientName: this.client.name,
      ClientOrganizationNumber: this.client.organizationNumber,
      ValidPrivileges: SYNC_PRIVILEGES.filter((p) => !this.invalidPrivileges.has(p)),
      InvalidPrivileges: SYNC_PRIVILEGES.filter((p) => this.invalidPrivileges.has(p)),
    };
  }
}

/** Initiate and Finalize sit behind the gateway (subscription key) but take no bearer token. */
export function onboardingApiRoutes(app: Hono, book: OnboardingBook): void {
  for (const base of ["/v2", "/Demo/v2"]) {
    app.post(`${base}/Onboarding/Initiate`, async (c) => {
      const origin = new URL(c.req.url).origin;
      return jsonResponse(200, book.initiate(await readJson(c.req.raw, "post"), environmentOf(c.req.path), origin));
    });
    app.post(`${base}/Onboarding/Finalize`, async (c) =>
      jsonResponse(200, book.finalize(await readJson(c.req.raw, "post"), environmentOf(c.req.path))),
    );
  }
}

/** The consent page: a person's browser, no subscription key (registered before the gateway). */
export function consentRoutes(app: Hono, book: OnboardingBook): void {
  app.get("/Onboarding/Consent/:id", (c) => {
    const consent = book.consent(c.req.param("id"));
    if (!consent)
      return page(c, 404, "<h1>This link has expired</h1><p>Start the connection again from your shop.</p>");
    const known = consent.organizationNumber === book.client.organizationNumber;
    const who = known
      ? `<p>The integration asks for access to <strong>${escapeHtml(book.client.name)}</strong> (organisation number ${consent.organizationNumber}) in PowerOffice GO ${consent.environment === "demo" ? "Demo" : ""}.</p>`
      : `<p>You have no client with organisation number ${consent.organizationNumber}.</p>`;
    const failures = NON_SUCCESS_STATUSES.filter((s) => s !== "Canceled")
      .map((s) => `<option value="${s}">${s}</option>`)
      .join("");
    return page(
      c,
      200,
      `<h1>Connect an integration</h1>${who}
<form method="post">
  ${known ? '<button name="decision" value="Success" type="submit">Approve</button>' : ""}
  <button name="decision" value="Canceled" type="submit">Cancel</button>
</form>
<form method="post">
  <label for="failure">Simulate a failure</label>
  <select id="failure" name="decision">${failures}</select>
  <button type="submit">Send failure</button>
</form>`,
    );
  });
  app.post("/Onboarding/Consent/:id", async (c) => {
    const form = await c.req.parseBody();
    const decision = (typeof form.decision === "string" ? form.decision : null) as Decision | null;
    const allowed: readonly string[] = ["Success", ...NON_SUCCESS_STATUSES];
    if (!decision || !allowed.includes(decision)) return page(c, 400, "<h1>Choose Approve or Cancel</h1>");
    const next = book.answer(c.req.param("id"), decision);
    if (!next) return page(c, 404, "<h1>This link has expired</h1><p>Start the connection again from your shop.</p>");
    return new Response(null, { status: 303, headers: { location: next } });
  });
}

function page(_c: Context, status: number, body: string): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PowerOffice GO (simulator)</title></head><body>${body}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8" } },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
