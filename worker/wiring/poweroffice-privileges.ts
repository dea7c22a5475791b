/**
 * Which of the privileges the sync needs PowerOffice withholds, read from `GET /ClientIntegrationInformation` after
 * connecting, and again while any is missing (docs/poweroffice.md, "Onboarding"). Kept on the connection row, or for
 * the POWEROFFICE_CLIENT_KEY secret in a setting keyed by a hash of that key (a new key is checked anew).
 */
import type { IntegrationInformation } from "../connectors/poweroffice/onboarding";
import {
  type MissingPrivilege,
  SECRET_CHECK_SETTING,
  saveMissingPrivileges,
  writeSetting,
} from "../store/poweroffice-connection";
import type { Deps } from "./build-deps";
import { forgetConnectionRow, type SecretCheck, secretKeyHash } from "./poweroffice-connection";

const AREAS: Array<[RegExp, MissingPrivilege["area"], string]> = [
  [/sales\s*_?order/i, "sales-orders", "sales orders"],
  [/customer/i, "customers", "customers"],
  [/product/i, "products", "products"],
  [/department/i, "departments", "departments"],
];

/** What the admin does about one withheld privilege, in a sentence. */
export function missingPrivilege(privilege: string, clientName: string | null): MissingPrivilege {
  const [, area, words] = AREAS.find(([pattern]) => pattern.test(privilege)) ?? [null, "other" as const, null];
  const client = clientName ? ` ${clientName}` : " the client";
  const what = words ? `the sync cannot read or write ${words} until then` : "the sync may need it";
  return {
    privilege,
    area,
    whatToDo: `Ask an administrator of${client} in PowerOffice GO to grant the integration ${privilege} (Settings → Extensions, the integration's access); ${what}. This page checks again when it is opened.`,
  };
}

export const missingPrivileges = (info: IntegrationInformation): MissingPrivilege[] =>
  (info.InvalidPrivileges ?? []).map((p) => missingPrivilege(p, info.ClientName));

/**
 * Reads ClientIntegrationInformation with the connection's own token and keeps what is missing; false when
 * PowerOffice did not answer usably (the connection then says "not checked yet").
 */
export async function checkPrivileges(deps: Deps, connectionId: string | null): Promise<boolean> {
  if (!deps.sync.ok) return false;
  const info = await deps.sync.poweroffice.onboarding.integrationInformation();
  if (!info) return false;
  const missing = missingPrivileges(info);
  const secret = deps.sync.config.poweroffice.clientKey;
  if (secret !== null) {
    const check: SecretCheck = {
      keyHash: await secretKeyHash(secret),
      clientName: info.ClientName,
      organizationNumber: info.ClientOrganizationNumber,
      missing,
    };
    await writeSetting(deps.db, SECRET_CHECK_SETTING, JSON.stringify(check));
  } else if (connectionId !== null) {
    await saveMissingPrivileges(deps.db, connectionId, missing);
    forgetConnectionRow(deps.db);
  }
  return true;
}
