/**
 * GET /connect/poweroffice/callback?state=…&status=…&token=… (docs/widget.md, "Connecting PowerOffice"): where
 * PowerOffice sends the admin's browser back. A top-level navigation, so no widget token: the one-time state value
 * (stored hashed, bound to the admin who started, their organisation number and their admin page, 15 minutes) is
 * what makes it trusted. A state the worker never issued, or one used or replaced already, changes nothing and is
 * answered with a page in words; any other outcome is a 303 to the admin page with `?poweroffice=<outcome>`.
 */
import { Hono } from "hono";
import type { ConnectOutcome } from "../../shared/api/connection";
import { CONNECT_OUTCOME_PARAM } from "../../shared/api/connection";
import { claimOnboarding, endOnboarding, type OnboardingRow, saveConnection } from "../store/poweroffice-connection";
import { sealClientKey } from "../store/sealed-key";
import { buildDeps, type Deps, type DepsOverrides } from "../wiring/build-deps";
import { readConfig } from "../wiring/config";
import {
  connectionRow,
  connectionTokenCacheKey,
  environmentOf,
  forgetConnectionRow,
} from "../wiring/poweroffice-connection";
import { checkPrivileges } from "../wiring/poweroffice-privileges";
import { stateHash, whyNotConnect } from "./api/connection-routes";

/** What each non-success `status` means for the admin, and what to do. */
const FAILED_STATUS: Record<string, { outcome: ConnectOutcome; message: string }> = {
  Canceled: {
    outcome: "canceled",
    message:
      "The connection was cancelled in PowerOffice GO; nothing was changed. Press Connect PowerOffice to try again.",
  },
  ClientNotFound: {
    outcome: "client-not-found",
    message:
      "PowerOffice GO found no client with that organisation number for the user who signed in: check the number, or sign in as a user of that client, and connect again.",
  },
  NoClientAccess: {
    outcome: "no-client-access",
    message:
      "The PowerOffice GO user who signed in has no access to that client: ask an administrator of the client to give that user access (or to connect it themselves), then connect again.",
  },
  IntegrationBlocked: {
    outcome: "integration-blocked",
    message:
      "The client has blocked this integration in PowerOffice GO: an administrator of the client must allow it under Settings → Extensions, then connect again.",
  },
};

export function createPowerOfficeCallback(overrides: DepsOverrides = {}) {
  return new Hono<{ Bindings: Env }>().get("/poweroffice/callback", async (c) => {
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    const config = readConfig(c.env);
    if (!config.ok) {
      return page(
        503,
        "The sync worker is not fully configured yet",
        "Nothing was changed. Its /health says what is missing.",
      );
    }
    const state = c.req.query("state");
    if (!state || state.length > 200) return unknownState();
    const deps = buildDeps(c.env, overrides);
    const hash = await stateHash(state);
    const claim = await claimOnboarding(deps.db, hash, new Date(deps.now()).toISOString());
    if (!claim.claimed) {
      if (!claim.row) return unknownState();
      if (claim.row.outcome === "superseded") {
        return page(
          409,
          "This connection was replaced by a newer one",
          "Someone started connecting PowerOffice again after this attempt, so this one changes nothing. Finish the newer one, or start again from the shop admin.",
        );
      }
      return page(
        409,
        "This connection link was used already",
        "Each connection link works once; nothing was changed now. Go back to the shop admin to see whether PowerOffice is connected, or start again.",
      );
    }
    const row = claim.row;
    const back = (outcome: ConnectOutcome) => {
      const url = new URL(row.return_url);
      url.searchParams.set(CONNECT_OUTCOME_PARAM, outcome);
      return c.redirect(url.href, 303);
    };
    const failed = async (outcome: ConnectOutcome, code: string, message: string) => {
      await endOnboarding(deps.db, hash, outcome, { code, message });
      return back(outcome);
    };
    if (deps.now() >= Date.parse(row.expires_at)) {
      await endOnboarding(deps.db, hash, "expired", null);
      return back("expired");
    }
    const status = c.req.query("status") ?? "";
    if (status !== "Success") {
      const known = FAILED_STATUS[status];
      if (known) return failed(known.outcome, known.outcome, known.message);
      return failed(
        "failed",
        "unknown-status",
        `PowerOffice came back with status "${status.slice(0, 40)}", which the worker does not know; nothing was changed. Connect again.`,
      );
    }
    return finish(c.env, deps, row, hash, c.req.query("token") ?? "", failed, back);
  });
}

async function finish(
  env: Env,
  deps: Deps,
  row: OnboardingRow,
  hash: string,
  token: string,
  failed: (outcome: ConnectOutcome, code: string, message: string) => Promise<Response>,
  back: (outcome: ConnectOutcome) => Response,
): Promise<Response> {
  const parsed = readConfig(env);
  const whyNot = parsed.ok ? whyNotConnect(parsed.config) : "The configuration is incomplete.";
  if (!parsed.ok || whyNot || !deps.sync.ok) return failed("failed", "cannot-connect", whyNot ?? "");
  const config = parsed.config;
  if (token === "") {
    return failed(
      "failed",
      "no-token",
      "PowerOffice came back without an onboarding token; nothing was changed. Connect again.",
    );
  }
  const finalized = await deps.sync.poweroffice.onboarding.finalize(token);
  if (!finalized.ok) {
    return failed(
      "failed",
      "finalize-failed",
      `PowerOffice did not complete the connection (${finalized.error.message}); nothing was changed. Connect again.`,
    );
  }
  const digits = (s: string | null) => (s ?? "").replace(/\D/g, "");
  const client = finalized.value.OnboardedClientsInformation.find(
    (info) => digits(info.ClientOrganizationNumber) === row.organization_number,
  );
  if (!client) {
    return failed(
      "failed",
      "other-client",
      `PowerOffice connected another client than organisation number ${row.organization_number}; nothing was changed. Connect again and approve that client.`,
    );
  }
  const previous = await connectionRow(deps.db);
  const connectionId = crypto.randomUUID();
  const now = new Date(deps.now()).toISOString();
  const environment = environmentOf(config.poweroffice.baseUrl);
  await saveConnection(
    deps.db,
    {
      connection_id: connectionId,
      client_key_sealed: await sealClientKey(client.ClientKey, config.credentialsKey!, connectionId),
      client_name: client.ClientName,
      organization_number: row.organization_number,
      environment,
      connected_at: now,
      connected_by: row.started_by,
      missing_privileges: null,
    },
    hash,
    `Connected PowerOffice ${client.ClientName ?? "client"} (${row.organization_number}) in the ${environment} environment.`,
  );
  forgetConnectionRow(deps.db);
  if (previous) {
    await deps.cache.delete(await connectionTokenCacheKey(config, previous.connection_id)).catch(() => undefined);
  }
  // Not checked yet if PowerOffice does not answer now: GET /api/connection checks again.
  await checkPrivileges(deps, connectionId).catch(() => false);
  return back("connected");
}

const unknownState = () =>
  page(
    400,
    "This connection link is not valid here",
    "This sync worker did not start this connection (the link is forged, from another installation, or was cut short), so nothing was changed. Start connecting PowerOffice from the shop admin.",
  );

function page(status: number, title: string, text: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
