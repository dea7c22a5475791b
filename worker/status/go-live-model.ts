/**
 * The go-live checklist (GET /api/go-live) from its facts, pure: each item ready or not, and for one that is not,
 * the one thing to do, as a code the widget words in en/nb and as an English sentence (docs/widget.md).
 */
import type { GoLiveItem, GoLiveItemId, GoLiveProblemCode, GoLiveResponse } from "../../shared/api/go-live";
import type { GoLiveRows } from "../store/go-live-settings";

/** PowerOffice's connection as GET /api/connection tells it (shared/api/connection.ts), the part the list reads. */
export interface PowerOfficeFacts {
  state: "not-connected" | "connected";
  via: "onboarding" | "secret" | null;
  clientName: string | null;
  organizationNumber: string | null;
  environment: "demo" | "production";
  connectedAt: string | null;
  /** Null: not read from PowerOffice yet. */
  missingPrivileges: { privilege: string; area: string; whatToDo: string }[] | null;
  lastProblem: { code: string; message: string } | null;
}

/** The first sync's preview as GET /api/preview tells it (shared/api/preview.ts), the part the list reads. */
export interface PreviewFacts {
  state: "waiting-for-connection" | "reading" | "ready" | "started";
  reviewedAt: string | null;
  startedAt: string | null;
}

export interface GoLiveFacts {
  poweroffice: PowerOfficeFacts;
  preview: PreviewFacts;
  rows: GoLiveRows;
  /** Where the shop sends its webhooks: this worker's /webhooks/webshop. */
  webhookUrl: string;
}

interface Verdict {
  ready: boolean;
  problem: { code: GoLiveProblemCode; message: string } | null;
  details: string[];
  checkedAt: string | null;
}

const ready = (details: string[], checkedAt: string | null): Verdict => ({
  ready: true,
  problem: null,
  details,
  checkedAt,
});
const notReady = (
  code: GoLiveProblemCode,
  message: string,
  details: string[] = [],
  checkedAt: string | null = null,
) => ({
  ready: false,
  problem: { code, message },
  details,
  checkedAt,
});

export function buildGoLive(facts: GoLiveFacts): GoLiveResponse {
  const verdicts: Record<GoLiveItemId, Verdict> = {
    "poweroffice-connected": connected(facts.poweroffice),
    "poweroffice-privileges": privileges(facts.poweroffice),
    "webshop-api": webshopApi(facts.rows),
    "webhook-received": webhookReceived(facts.rows, facts.webhookUrl),
    "preview-reviewed": previewReviewed(facts.preview),
    syncing: syncing(facts),
  };
  const items: GoLiveItem[] = Object.entries(verdicts).map(([id, verdict]) => ({
    id: id as GoLiveItemId,
    ...verdict,
  }));
  return { live: items.every((item) => item.ready), items };
}

function connected(po: PowerOfficeFacts): Verdict {
  const lastProblem = po.lastProblem ? [`Last attempt: ${po.lastProblem.message}`] : [];
  if (po.state !== "connected") {
    return notReady(
      "poweroffice-not-connected",
      "PowerOffice is not connected: press Connect PowerOffice, enter your company's organisation number and approve the integration in PowerOffice.",
      lastProblem,
    );
  }
  const who = po.clientName
    ? `${po.clientName}${po.organizationNumber ? ` (${po.organizationNumber})` : ""}`
    : po.organizationNumber
      ? `organisation number ${po.organizationNumber}`
      : "the PowerOffice company of the client key";
  const how = po.via === "secret" ? "through the POWEROFFICE_CLIENT_KEY secret" : "through PowerOffice's onboarding";
  return ready([`Connected to ${who}, ${po.environment === "demo" ? "demo" : "production"}, ${how}.`], po.connectedAt);
}

function privileges(po: PowerOfficeFacts): Verdict {
  if (po.state !== "connected") {
    return notReady(
      "poweroffice-privileges-not-checked",
      "Connect PowerOffice first: the integration's privileges are read from PowerOffice once it is connected.",
    );
  }
  const missing = po.missingPrivileges;
  if (missing === null) {
    return notReady(
      "poweroffice-privileges-not-checked",
      "The integration's privileges have not been read from PowerOffice yet: reload in a minute; if this stays, disconnect and connect PowerOffice again.",
    );
  }
  if (missing.length > 0) {
    const areas = [...new Set(missing.map((m) => m.area))].join(", ");
    return notReady(
      "poweroffice-privileges-missing",
      `The integration lacks ${missing.length === 1 ? "a privilege" : `${missing.length} privileges`} in PowerOffice (${areas}), so those records cannot sync: grant ${missing.length === 1 ? "it" : "them"} to the integration in PowerOffice as each line below says, then reload.`,
      missing.map((m) => `${m.privilege} (${m.area}): ${m.whatToDo}`),
    );
  }
  return ready(
    ["The integration has every privilege the sync needs: customers, departments, products and sales orders."],
    null,
  );
}

function webshopApi(rows: GoLiveRows): Verdict {
  const check = rows.webshopCheck;
  if (!check) {
    return notReady("webshop-not-checked", "Your shop's API has not been checked yet: press Check the shop's API.");
  }
  const details = check.checks.map((c) => `${c.passed ? "Passed" : "Failed"}: ${c.message}`);
  if (check.problem) {
    return notReady(check.problem.code as GoLiveProblemCode, check.problem.message, details, check.ranAt);
  }
  return ready(details, check.ranAt);
}

function webhookReceived(rows: GoLiveRows, webhookUrl: string): Verdict {
  const first = rows.webhookReceived;
  if (first) {
    return ready(
      [`The first signed webhook (${first.type}, id ${first.webhookId}) was verified at ${first.at}.`],
      first.at,
    );
  }
  if (rows.oldestInboxAt) {
    return ready([`Signed webhooks have been verified since ${rows.oldestInboxAt} at the latest.`], rows.oldestInboxAt);
  }
  return notReady(
    "webhook-not-received",
    `No signed webhook from your shop has reached the worker yet: make the shop send its webhooks to ${webhookUrl}, signed with the secret in WEBSHOP_WEBHOOK_SECRET, then change any customer, product or order in the shop and reload.`,
  );
}

function previewReviewed(preview: PreviewFacts): Verdict {
  switch (preview.state) {
    case "waiting-for-connection":
      return notReady(
        "preview-waiting-for-connection",
        "The preview of the first sync is made once PowerOffice is connected: connect PowerOffice first.",
      );
    case "reading":
      return notReady(
        "preview-reading",
        "The worker is reading both systems to show what the first sync will do; nothing is written. Wait until the preview is ready.",
      );
    case "ready":
      if (preview.reviewedAt) return ready([`The preview was opened at ${preview.reviewedAt}.`], preview.reviewedAt);
      return notReady(
        "preview-not-reviewed",
        "The preview is ready: open it and read what the first sync will do in each system before you start syncing.",
      );
    case "started":
      return preview.reviewedAt
        ? ready([`The preview was opened at ${preview.reviewedAt}.`], preview.reviewedAt)
        : ready(
            [
              "The first sync started without a preview (FIRST_SYNC is immediate, or the worker had synced before the preview existed).",
            ],
            preview.startedAt,
          );
  }
}

function syncing(facts: GoLiveFacts): Verdict {
  const { preview, poweroffice, rows } = facts;
  if (preview.state !== "started") {
    return notReady(
      "syncing-not-started",
      "Nothing is synced yet: when every item above is ready, press Start syncing.",
    );
  }
  const since = preview.startedAt ? ` since ${preview.startedAt}` : "";
  if (poweroffice.state !== "connected") {
    return notReady(
      "syncing-not-connected",
      "Syncing is on hold because PowerOffice is not connected: connect PowerOffice again and the sync resumes where it stopped.",
      [`Syncing started${since}; links and history are kept.`],
      preview.startedAt,
    );
  }
  if (rows.feedsRead === 0 && !rows.anyLink) {
    return notReady(
      "syncing-waiting-for-first-run",
      "Syncing has started and its first run begins with the worker's next cron run, within a minute; if nothing changes after a few minutes, check that the worker's cron trigger is deployed (npm run deploy sets it).",
      [],
      preview.startedAt,
    );
  }
  return ready(
    [`Syncing${since}: the cron reads PowerOffice every minute and the shop's webhooks arrive as they are sent.`],
    preview.startedAt,
  );
}
