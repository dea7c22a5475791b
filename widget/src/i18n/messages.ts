/**
 * Every word the widget shows, as one interface that each language implements in full: a missing translation is a
 * type error, not an English word in a Norwegian admin.
 */
import type { DailyAllowance } from "../../../shared/api/status";
import type { ActivityAction, DataflowId, Direction, RecordState, Side } from "../../../shared/api/vocabulary";

export interface Messages {
  /** BCP 47 tag for Intl (numbers, dates, relative times). */
  locale: string;
  title: string;
  loading: string;
  reload: string;
  close: string;
  cancel: string;
  save: string;
  never: string;
  none: string;

  dataflow: Record<DataflowId, string>;
  side: Record<Side, string>;
  direction: Record<Direction, string>;
  /** The state as a badge says it: text, never colour alone. */
  state: Record<RecordState, string>;
  /** One sentence on what the state means, for a tooltip and screen readers. */
  stateHelp: Record<RecordState, string>;

  // dashboard
  dataflowsHeading: string;
  noDataflows: string;
  countsLabel: (dataflow: string) => string;
  backfill: string;
  backfillProgress: (done: string, total: string) => string;
  backfillDone: string;
  backfillNotStarted: string;
  backlog: (count: string) => string;
  running: string;
  paused: string;
  pause: (direction: string) => string;
  resume: (direction: string) => string;
  brakeWarning: (message: string) => string;
  releaseBrake: string;
  lastRun: string;
  nextRun: string;
  /** Cloudflare's daily allowances on Workers Free, as the sentence below names them. */
  dailyAllowance: Record<DailyAllowance, string>;
  /** One used up: which, and the reset (00:00 UTC) in the admin's own time zone. */
  dailyLimit: (allowance: string, localTime: string) => string;
  /** The first sync of a dataflow while it runs, as parts of one sentence joined by "; ". */
  firstSync: {
    /** The dataflow's records as a plural noun in a sentence ("customers"). */
    records: Record<DataflowId, string>;
    progress: (linked: string, total: string, records: string) => string;
    /** The total is not known until every feed has been read to its end; `unread` names the systems still read. */
    progressUnknown: (linked: string, records: string, unread: string, several: boolean) => string;
    /** Paused for today on Workers Free; goes on at 00:00 UTC, shown in the admin's own time. */
    paused: (localTime: string) => string;
    moreHours: (hours: number) => string;
    moreDays: (days: number) => string;
    noEstimate: string;
  };

  attentionHeading: string;
  attentionEmpty: string;
  attentionKind: { error: string; conflict: string; ambiguous: string; deadLetter: string };
  retry: string;
  replay: string;
  resolve: string;
  linkByHand: string;
  attentionMore: (count: string) => string;
  /** The queue messages the worker gave up on (GET /api/dead-letters). */
  deadLettersHeading: string;
  deadLettersIntro: string;
  deadLetterGaveUpAt: (when: string) => string;
  deadLetterAttempts: (count: string) => string;
  sendAgain: string;
  /** Why a dead letter has no "Send again": the worker cannot read it, so it would only give up on it again. */
  deadLetterCannotSend: string;
  deadLettersMore: string;

  activityHeading: string;
  activityEmpty: string;
  activityShowAll: (count: string) => string;
  activityShowFewer: string;
  activityAction: Record<ActivityAction, string>;
  activitySide: (side: string) => string;
  activityProperties: (list: string) => string;
  /** Who asked for an admin's action: the widget token's `sub`, or null when the token named nobody. */
  activityBy: (sub: string | null) => string;

  // dialogs
  resolveTitle: (record: string) => string;
  resolveIntro: string;
  property: string;
  keep: (side: string) => string;
  emptyValue: string;
  linkTitle: (record: string) => string;
  linkIntro: string;
  powerofficeId: string;
  webshopId: string;
  link: string;
  actionDone: string;

  // record widget
  recordHeading: (resource: string) => string;
  resource: Record<"customers" | "products" | "orders", string>;
  stateLabel: string;
  poweroffice: string;
  powerofficeNumber: (number: string) => string;
  powerofficeIdLabel: (id: string) => string;
  notInPowerOffice: string;
  lastSynced: string;
  lastError: string;
  lastAdminAction: string;
  /** The label of a pending record's reason. */
  waitingFor: string;
  push: string;
  pushing: string;
  /** `found`: what the worker found and did, in its words (an order invoiced in PowerOffice); null when nothing. */
  pushed: (state: string, found: string | null) => string;
  /** Stopping the sync of one record (unlink), asked once more before it is done. */
  unlink: string;
  unlinkQuestion: string;
  unlinkYes: string;
  unlinkNo: string;
  unlinking: string;
  unlinked: string;

  // PowerOffice's connection (dashboard): the line /widget.js shows by itself; the rest is in connect-messages.ts
  connect: {
    heading: string;
    connectedTo: (client: string, org: string) => string;
    environment: Record<"demo" | "production", string>;
    viaSecret: string;
    notConnected: string;
    disconnect: string;
  };

  // errors in words
  errors: {
    network: string;
    unreadable: (path: string) => string;
    noToken: string;
    /** A status code with no error body the widget understands. */
    status: (status: number) => string;
    loadFailed: (reason: string) => string;
    actionFailed: (reason: string) => string;
    missingAttribute: (name: string) => string;
  };
}
