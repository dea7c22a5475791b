/** English for the go-live views. */
import type { GoLiveMessages } from "./go-live-messages";

export const en: GoLiveMessages = {
  checklistHeading: "Going live",
  checklistIntro: "The sync runs for real once everything below is ready. This list folds away after that.",
  item: {
    "poweroffice-connected": "PowerOffice is connected",
    "poweroffice-privileges": "The integration has the privileges it needs in PowerOffice",
    "webshop-api": "The shop's API answers as the sync expects",
    "webhook-received": "A signed webhook from the shop has arrived",
    "preview-reviewed": "The preview of the first sync has been reviewed",
    syncing: "Syncing has started",
  },
  ready: "Ready",
  notReady: "Not ready",
  problem: {
    "not-connected": "Connect PowerOffice above: you need the client's organisation number.",
    "privileges-missing":
      "Ask the PowerOffice client's administrator to grant the integration the privileges listed, then check again.",
    "privileges-not-checked": "Connect PowerOffice first; its privileges are read right after.",
    "webshop-unreachable":
      "The sync could not reach the shop's API. Check WEBSHOP_BASE_URL and that the shop is up, then check again.",
    "webshop-auth-refused":
      "The shop's API refused the sync's token. Give the worker the API token the shop issued (docs/deploy.md), then check again.",
    "webshop-not-checked": 'The shop\'s API has not been checked yet: press "Check again".',
    "no-webhook":
      "Point the shop's webhooks at this worker's /webhooks/webshop with the shared secret, then change a record in the shop.",
    "webhook-unverified":
      "A webhook arrived but its signature did not verify: give the shop and the worker the same webhook secret (docs/webhooks.md).",
    "preview-not-reviewed": 'Open "Show the plan" below and look through what the first sync will do.',
    "not-started": 'Press "Start syncing" below when the plan looks right.',
  },
  checkAgain: "Check again",
  checked: "The shop's API was checked again.",

  previewHeading: "Preview of the first sync",
  previewIntro:
    "Nothing has been written to PowerOffice or the shop yet. The sync has read both and shows what its first run would do.",
  waitingForConnection: "The preview starts once PowerOffice is connected.",
  reading: "Reading both systems…",
  progress: (dataflow, side, read, readToEnd) =>
    `${dataflow} in ${side}: ${read} read${readToEnd ? ", all of them" : ", still reading"}`,
  readAt: (when) => `Read ${when}.`,
  readAgain: "Read again",
  readingAgain: "Reading both systems again.",
  countsCaption: "What the first sync would do, per dataflow",
  dataflowColumn: "Dataflow",
  action: {
    link: "Link",
    "create-in-poweroffice": "Create in PowerOffice",
    "create-in-webshop": "Create in the shop",
    ambiguous: "Ambiguous",
    skip: "Skip",
    differing: "Values differ",
  },
  actionHelp: {
    link: "Records that exist on both sides and are linked by a key they share.",
    "create-in-poweroffice": "Shop records with no partner in PowerOffice: they are created there.",
    "create-in-webshop": "PowerOffice records with no partner in the shop: they are created there.",
    ambiguous: "Records with several possible partners: nothing is done with them until you link one by hand.",
    skip: "Records left out: archived, inactive or cancelled.",
    differing: "Pairs to be linked whose values differ: the winning value is written to the other side.",
  },

  showPlan: "Show the plan",
  hidePlan: "Hide the plan",
  planHeading: "The plan, record by record",
  filterDataflow: "Dataflow",
  filterAction: "What happens",
  filterAll: "All",
  search: "Search names, e-mails, numbers",
  searchButton: "Search",
  listEmpty: "Nothing in the plan matches this filter.",
  showMore: "Show more",
  listCount: (shown) => `${shown} shown`,
  downloadCsv: "Download CSV",
  downloaded: (file) => `Saved ${file}.`,

  matchedBy: (key) => `matched by ${key}`,
  pair: (poweroffice, webshop) => `${poweroffice} (PowerOffice) ↔ ${webshop} (shop)`,
  createIn: (side, label) => `${label}: created in ${side}`,
  ambiguousOf: (label, side) => `${label} (${side}) has several possible partners`,
  candidates: (side) => `Possible partners in ${side}:`,
  linkTo: "Link to this one",
  linkToLabel: (candidate, record) => `Link ${record} to ${candidate}`,
  skipped: (label, reason) => `${label}: left out (${reason})`,
  noReason: "no reason given",
  property: "Property",
  wins: "Wins",
  winner: (side) => `${side} wins`,
  linkByHand: "Link by hand…",
  linkByHandTitle: (label) => `Link by hand: ${label}`,
  linkByHandIntro:
    "Give the id of the record on each side that belong together. Nothing is written to either system until you start syncing.",
  linkedByHand: (label) => `${label} will be linked when syncing starts.`,
  cancel: "Cancel",
  link: "Link",
  emptyValue: "(empty)",

  optionsHeading: "Before you start",
  scopeLegend: "What to sync",
  scope: {
    full: "Full sync",
    fullHelp: "Everything in the plan above is linked, created and brought in line.",
    fromNow: "Only records changed from now on",
    fromNowHelp:
      "Pairs are linked, but a record is created or written only once it changes after you start; what exists today stays as it is.",
  },
  directionsLegend: "Directions",
  directionsHelp:
    "Switch off a direction to keep the sync from writing that way, e.g. products from PowerOffice to the shop only.",
  toWebshop: "PowerOffice → shop",
  toPowerOffice: "Shop → PowerOffice",
  optionsSaved: "Options saved.",

  startHeading: "Start",
  start: "Start syncing",
  startTitle: "Start syncing now?",
  startFull: (p) =>
    `The sync will link ${p.link} pairs (${p.differing} of them with values that differ, the winning value written to the other side), create ${p.createInPowerOffice} records in PowerOffice and ${p.createInWebshop} in the shop.`,
  startFromNow: (p) =>
    `The sync will link ${p.link} pairs and from then on sync only records that change; of the ${p.createInPowerOffice} records missing in PowerOffice and ${p.createInWebshop} missing in the shop, each is created only once it changes.`,
  startLeftAlone: (p) => `${p.ambiguous} ambiguous and ${p.skip} skipped records are left alone.`,
  startReplan: "Records changed since the preview are planned again first, never written blindly.",
  startYes: "Start syncing",
  startNo: "Not yet",
  started: (when) => `Syncing started ${when}.`,
  readOnly: "Your access is read-only: an admin with write access can change the options and start syncing.",
};
