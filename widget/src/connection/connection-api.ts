/** The connection panel's calls that change the connection; reading it is the dashboard's (SyncApi.connection). */
import { ConnectionResponseSchema, ConnectStartResponseSchema } from "../../../shared/api/connection";
import { API_PATHS } from "../../../shared/api/paths";
import { callApi, type Transport } from "../api/request";

export class ConnectionApi {
  constructor(private readonly transport: Transport) {}

  /** Starts PowerOffice's onboarding; the answer's redirectUrl is where the browser goes next. */
  connectStart(organizationNumber: string, returnUrl: string) {
    return callApi(this.transport, ConnectStartResponseSchema, "start", {
      method: "POST",
      path: API_PATHS.connectStart,
      body: { organizationNumber, returnUrl },
    });
  }

  disconnect() {
    return callApi(this.transport, ConnectionResponseSchema, "connection", {
      method: "DELETE",
      path: API_PATHS.disconnect,
    });
  }
}
