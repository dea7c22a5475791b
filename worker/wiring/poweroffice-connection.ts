/**
 * Whether, and how, PowerOffice is connected (docs/widget.md, "Connecting PowerOffice"): the POWEROFFICE_CLIENT_KEY
 * secret wins when set; otherwise the connection made from the widget, its client key sealed in D1. The row is read
 * at most once per invocation (the sync's gate and the token's client key share the read), and not at all while the
 * secret is set. The client key itself is opened only when a token is minted.
 */
import type { ClientKeySource } from "../connectors/poweroffice/runtime";
import { tokenCacheKey } from "../connectors/poweroffice/token";
import {
  type ConnectionRow,
  type MissingPrivilege,
  readConnectionRow,
  readSetting,
  SECRET_CHECK_SETTING,
} from "../store/poweroffice-connection";
import { openClientKey } from "../store/sealed-key";
import type { Deps } from "./build-deps";
import type { Config } from "./config";

export type PowerOfficeEnvironment = "demo" | "production";

export interface PowerOfficeConnection {
  state: "connected" | "not-connected";
  via: "onboarding" | "secret" | null;
  clientName: string | null;
  organizationNumber: string | null;
  environment: PowerOfficeEnvironment;
  connectedAt: string | null;
  connectedBy: string | null;
  missingPrivileges: MissingPrivilege[] | null;
  /** Names the onboarding connection's token in the cache; null for the secret or no connection. */
  connectionId: string | null;
}

const rows = new WeakMap<D1Database, Promise<ConnectionRow | null>>();

/** The connection row, read once per invocation's D1 handle. */
export function connectionRow(db: D1Database): Promise<ConnectionRow | null> {
  let row = rows.get(db);
  if (!row) {
    row = readConnectionRow(db);
    rows.set(db, row);
    row.catch(() => rows.delete(db));
  }
  return row;
}

/** After a connect or a disconnect in this invocation: the next read sees the new row. */
export function forgetConnectionRow(db: D1Database): void {
  rows.delete(db);
}

export function environmentOf(baseUrl: string): PowerOfficeEnvironment {
  return /\/demo(\/|$)/i.test(new URL(baseUrl).pathname) ? "demo" : "production";
}

const connectionCacheName = (connectionId: string) => `connection:${connectionId}`;

/** The connector's client key when no secret is set: the sealed one in D1, opened with CREDENTIALS_KEY. */
export function sealedClientKey(db: D1Database, credentialsKey: Uint8Array | null): ClientKeySource {
  return {
    async cacheName() {
      const row = await connectionRow(db);
      return row && credentialsKey ? connectionCacheName(row.connection_id) : null;
    },
    async clientKey() {
      const row = await connectionRow(db);
      if (!row || !credentialsKey) return null;
      return openClientKey(row.client_key_sealed, credentialsKey, row.connection_id);
    },
  };
}

/** The KV key a connection's access token is cached under: deleted on disconnect, so no token outlives it. */
export function connectionTokenCacheKey(config: Config, connectionId: string): Promise<string> {
  return tokenCacheKey(config.poweroffice, connectionCacheName(connectionId));
}

export interface SecretCheck {
  keyHash: string;
  clientName: string | null;
  organizationNumber: string | null;
  missing: MissingPrivilege[];
}

export async function secretKeyHash(clientKey: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`poweroffice-client-key\n${clientKey}`),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The last check of the secret's privileges, when it was made with the secret as it is now. */
export async function readSecretCheck(deps: Pick<Deps, "db">, clientKey: string): Promise<SecretCheck | null> {
  const text = await readSetting(deps.db, SECRET_CHECK_SETTING);
  if (!text) return null;
  const check = JSON.parse(text) as SecretCheck;
  return check.keyHash === (await secretKeyHash(clientKey)) ? check : null;
}

/** For the others (preview, go-live, the widget): the connection as it stands, with what is known of its client. */
export async function readPowerOfficeConnection(deps: Pick<Deps, "db" | "sync">): Promise<PowerOfficeConnection> {
  const none: PowerOfficeConnection = {
    state: "not-connected",
    via: null,
    clientName: null,
    organizationNumber: null,
    environment: "demo",
    connectedAt: null,
    connectedBy: null,
    missingPrivileges: null,
    connectionId: null,
  };
  if (!deps.sync.ok) return none;
  const config = deps.sync.config;
  const environment = environmentOf(config.poweroffice.baseUrl);
  if (config.poweroffice.clientKey !== null) {
    const check = await readSecretCheck(deps, config.poweroffice.clientKey);
    return {
      ...none,
      state: "connected",
      via: "secret",
      environment,
      clientName: check?.clientName ?? null,
      organizationNumber: check?.organizationNumber ?? null,
      missingPrivileges: check?.missing ?? null,
    };
  }
  const row = await connectionRow(deps.db);
  if (!row || !config.credentialsKey) return { ...none, environment };
  return {
    state: "connected",
    via: "onboarding",
    clientName: row.client_name,
    organizationNumber: row.organization_number,
    environment: row.environment,
    connectedAt: row.connected_at,
    connectedBy: row.connected_by,
    missingPrivileges: row.missing_privileges === null ? null : (JSON.parse(row.missing_privileges) as never),
    connectionId: row.connection_id,
  };
}

/** Why the sync does nothing now, or null when PowerOffice is connected (no D1 read while the secret is set). */
export async function syncOffBecause(deps: Pick<Deps, "db" | "sync">): Promise<string | null> {
  if (!deps.sync.ok || deps.sync.config.poweroffice.clientKey !== null) return null;
  const row = deps.sync.config.credentialsKey ? await connectionRow(deps.db) : null;
  return row
    ? null
    : "PowerOffice is not connected: connect it in the sync widget (or set POWEROFFICE_CLIENT_KEY); nothing is synced until then.";
}
