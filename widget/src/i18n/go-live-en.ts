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
    "poweroffice-not-connected":
      "Press Connect PowerOffice, enter the company's organisation number and approve the integration in PowerOffice.",
    "poweroffice-privileges-not-checked":
      "The integration's privileges are read from PowerOffice once it is connected; reload in a minute. If this stays, disconnect and connect PowerOffice again.",
    "poweroffice-privileges-missing":
      "The integration lacks privileges in PowerOffice, so those records cannot sync: grant each one listed below in PowerOffice, then reload.",
    "webshop-not-checked": "The shop's API has not been checked yet: press the button beside this item.",
    "webshop-unreachable":
      "The worker could not reach the shop's API: check the shop's address in the worker's settings and that the shop is online, then check again.",
    "webshop-open-without-token":
      "The shop's API answers without a token, so anyone could read your customers: have the shop's developer make it refuse such requests, then check again.",
    "webshop-auth-refusal-invalid":
      "The shop's API refuses a wrong token in a way the sync does not understand: have the shop's developer answer 401 with the contract's error body, then check again.",
    "webshop-token-refused":
      "The shop's API refused the worker's token: give the worker the token the shop's sync API accepts, then check again.",
    "webshop-feed-invalid":
      "A change feed of the shop does not answer as the contract says (see the lines below): have the shop's developer fix it, then check again.",
    "webshop-lookup-invalid":
      "A lookup of the shop does not answer as the contract says (see the lines below): have the shop's developer fix it, then check again.",
    "webhook-not-received":
      "No signed webhook from the shop has arrived yet: make the shop send its webhooks to this worker with the shared secret, then change a customer, product or order in the shop and reload.",
    "preview-waiting-for-connection": "The preview of the first sync is made once PowerOffice is connected.",
    "preview-reading":
      "The worker is reading both systems to show what the first sync will do; nothing is written. Wait a moment.",
    "preview-not-reviewed": 'Press "Show the plan" below and read what the first sync will do in each system.',
    "syncing-not-started": 'Nothing is synced yet: when the plan looks right, press "Start syncing" below.',
    "syncing-waiting-for-first-run": "Syncing has started; the first run comes within a minute.",
    "syncing-not-connected":
      "Syncing is on hold because PowerOffice is not connected: connect it again and the sync resumes where it stopped.",
  },
  whatWasFound: "What was found",
  checkAgain: "Check again",
  checkNow: "Check the shop's API",
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
  rivals: (side) => `Also with this key in ${side}:`,
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
      "Today's records are left as they are; a record is matched, linked or created only once it is created or changed after you start.",
  },
  directionsLegend: "Directions",
  directionsHelp:
    "Switch off a direction to keep the sync from writing that way (it is paused, and can be resumed on the dashboard), e.g. products from PowerOffice to the shop only.",
  toWebshop: "PowerOffice → shop",
  toPowerOffice: "Shop → PowerOffice",
  optionsSaved: "Options saved.",

  startHeading: "Start",
  start: "Start syncing",
  startTitle: "Start syncing now?",
  startFull: (p) =>
    `The sync will link ${p.link} pairs (${p.differing} of them with values that differ, the winning value written to the other side), create ${p.createInPowerOffice} records in PowerOffice and ${p.createInWebshop} in the shop.`,
  startFromNow: (p) =>
    `The sync will leave today's records as they are and sync each record that is created or changed from now on; the ${p.link} links and the ${p.createInPowerOffice} records to create in PowerOffice and ${p.createInWebshop} in the shop shown above are made only for records that change.`,
  startLeftAlone: (p) => `${p.ambiguous} ambiguous and ${p.skip} skipped records are left alone.`,
  startReplan: "Records changed since the preview are planned again first, never written blindly.",
  startYes: "Start syncing",
  startNo: "Not yet",
  started: (when) => `Syncing started ${when}.`,
  readOnly: "Your access is read-only: an admin with write access can change the options and start syncing.",
};
