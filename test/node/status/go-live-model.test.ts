/**
 * The go-live checklist from its facts (worker/status/go-live-model.ts): each item ready and not ready, with the
 * code and the sentence that says what to do; `live` only when every item is ready.
 */
import { describe, expect, it } from "vitest";
import { GO_LIVE_ITEMS, GO_LIVE_PROBLEMS, type GoLiveItemId } from "../../../shared/api/go-live";
import { buildGoLive, type GoLiveFacts } from "../../../worker/status/go-live-model";

const AT = "2026-12-05T10:00:00.000Z";

function facts(change: (f: GoLiveFacts) => void = () => undefined): GoLiveFacts {
  const f: GoLiveFacts = {
    poweroffice: {
      state: "connected",
      via: "onboarding",
      clientName: "Fjordmøbler AS",
      organizationNumber: "912345678",
      environment: "demo",
      connectedAt: AT,
      missingPrivileges: [],
      lastProblem: null,
    },
    preview: { state: "started", reviewedAt: AT, startedAt: AT },
    rows: {
      webshopCheck: { ranAt: AT, checks: [{ id: "feed:customers", passed: true, message: "ok." }], problem: null },
      webhookReceived: { at: AT, webhookId: "msg_1", type: "customer.updated" },
      oldestInboxAt: AT,
      feedsRead: 8,
      anyLink: true,
    },
    webhookUrl: "https://sync.example.no/webhooks/webshop",
  };
  change(f);
  return f;
}

const itemOf = (f: GoLiveFacts, id: GoLiveItemId) => buildGoLive(f).items.find((i) => i.id === id)!;

describe("buildGoLive", () => {
  it("everything ready: live, every item in order, no problem", () => {
    const answer = buildGoLive(facts());
    expect(answer.live).toBe(true);
    expect(answer.items.map((i) => i.id)).toEqual([...GO_LIVE_ITEMS]);
    expect(answer.items.every((i) => i.ready && i.problem === null)).toBe(true);
    expect(itemOf(facts(), "poweroffice-connected").details).toEqual([
      "Connected to Fjordmøbler AS (912345678), demo, through PowerOffice's onboarding.",
    ]);
  });

  const notReady: Array<[string, GoLiveItemId, (f: GoLiveFacts) => void, string, RegExp]> = [
    [
      "PowerOffice not connected",
      "poweroffice-connected",
      (f) => {
        f.poweroffice.state = "not-connected";
      },
      "poweroffice-not-connected",
      /press Connect PowerOffice/,
    ],
    [
      "privileges not read yet",
      "poweroffice-privileges",
      (f) => {
        f.poweroffice.missingPrivileges = null;
      },
      "poweroffice-privileges-not-checked",
      /have not been read from PowerOffice yet/,
    ],
    [
      "privileges missing",
      "poweroffice-privileges",
      (f) => {
        f.poweroffice.missingPrivileges = [
          { privilege: "Products", area: "products", whatToDo: "Grant Products in PowerOffice." },
        ];
      },
      "poweroffice-privileges-missing",
      /lacks a privilege in PowerOffice \(products\)/,
    ],
    [
      "shop never checked",
      "webshop-api",
      (f) => {
        f.rows.webshopCheck = null;
      },
      "webshop-not-checked",
      /press Check the shop's API/,
    ],
    [
      "no webhook yet",
      "webhook-received",
      (f) => {
        f.rows.webhookReceived = null;
        f.rows.oldestInboxAt = null;
      },
      "webhook-not-received",
      /send its webhooks to https:\/\/sync\.example\.no\/webhooks\/webshop, signed with the secret in WEBSHOP_WEBHOOK_SECRET/,
    ],
    [
      "preview waiting for the connection",
      "preview-reviewed",
      (f) => {
        f.preview = { state: "waiting-for-connection", reviewedAt: null, startedAt: null };
      },
      "preview-waiting-for-connection",
      /connect PowerOffice first/,
    ],
    [
      "preview being read",
      "preview-reviewed",
      (f) => {
        f.preview = { state: "reading", reviewedAt: null, startedAt: null };
      },
      "preview-reading",
      /nothing is written/,
    ],
    [
      "preview ready, not opened",
      "preview-reviewed",
      (f) => {
        f.preview = { state: "ready", reviewedAt: null, startedAt: null };
      },
      "preview-not-reviewed",
      /open it and read what the first sync will do/,
    ],
    [
      "not started",
      "syncing",
      (f) => {
        f.preview = { state: "ready", reviewedAt: AT, startedAt: null };
      },
      "syncing-not-started",
      /press Start syncing/,
    ],
    [
      "started, PowerOffice disconnected since",
      "syncing",
      (f) => {
        f.poweroffice.state = "not-connected";
      },
      "syncing-not-connected",
      /connect PowerOffice again and the sync resumes/,
    ],
    [
      "started, the cron has not run yet",
      "syncing",
      (f) => {
        f.rows.feedsRead = 0;
        f.rows.anyLink = false;
      },
      "syncing-waiting-for-first-run",
      /next cron run, within a minute/,
    ],
  ];

  it.each(notReady)("%s: %s not ready with its code and sentence, not live", (_name, id, change, code, sentence) => {
    const f = facts(change);
    const item = itemOf(f, id);
    expect(item.ready).toBe(false);
    expect(item.problem?.code).toBe(code);
    expect(GO_LIVE_PROBLEMS).toContain(code);
    expect(item.problem?.message).toMatch(sentence);
    expect(buildGoLive(f).live).toBe(false);
  });

  it("a failed shop check: its first failure is the problem, every check is in the details", () => {
    const f = facts((x) => {
      x.rows.webshopCheck = {
        ranAt: AT,
        checks: [
          { id: "feed:customers", passed: true, message: "GET /customers: fine." },
          { id: "auth:missing-token", passed: false, message: "Your shop answered without a token." },
        ],
        problem: { code: "webshop-open-without-token", message: "Your shop answered without a token." },
      };
    });
    expect(itemOf(f, "webshop-api")).toEqual({
      id: "webshop-api",
      ready: false,
      problem: { code: "webshop-open-without-token", message: "Your shop answered without a token." },
      details: ["Passed: GET /customers: fine.", "Failed: Your shop answered without a token."],
      checkedAt: AT,
    });
  });

  it("a first sync started without a preview (FIRST_SYNC=immediate, or synced before): the preview item is ready", () => {
    const item = itemOf(
      facts((f) => {
        f.preview = { state: "started", reviewedAt: null, startedAt: null };
      }),
      "preview-reviewed",
    );
    expect(item.ready).toBe(true);
    expect(item.details[0]).toMatch(/started without a preview/);
  });
});
