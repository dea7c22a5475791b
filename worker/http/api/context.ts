/** What each /api request carries between its middleware and its handler. */
import type { WidgetTokenClaims } from "../../../shared/api/token";
import type { Deps } from "../../wiring/build-deps";
import type { Config } from "../../wiring/config";

export interface ApiVariables {
  config: Config;
  claims: WidgetTokenClaims;
  /** The invocation's dependencies, built on first use (auth failures and CORS answers never build them). */
  deps: () => Deps;
}

export type ApiEnv = { Bindings: Env; Variables: ApiVariables };
