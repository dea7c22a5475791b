/** What the demo admin site reaches: the two simulators in-process (as their own admins would) and the worker. */
import type { PowerOfficeSim } from "../../sim/poweroffice/index";
import type { ReferenceWebshop } from "../../sim/webshop/index";

export interface SyncRun {
  /** The cron handler's HTTP status, or why it could not be reached. */
  status: number | string;
  ok: boolean;
}

export interface AdminContext {
  sim: PowerOfficeSim;
  shop: ReferenceWebshop;
  /** The worker's origin: it serves /widget.js and /api/*. */
  workerUrl: string;
  /** The shop backend's copy of WIDGET_TOKEN_SECRET: it signs the widget's tokens and never leaves this server. */
  widgetTokenSecret: string;
  /** Fires the worker's cron now (what "Run sync now" does). */
  runSync(): Promise<SyncRun>;
}
