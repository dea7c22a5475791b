/**
 * The words of the go-live views (the checklist and the first sync's preview), which only the lazily loaded
 * go-live.js shows: kept apart from Messages so they never weigh on /widget.js.
 */
import type { GoLiveItemId, GoLiveProblemCode } from "../../../shared/api/go-live";
import type { PreviewAction } from "../../../shared/api/preview";
import { en } from "./go-live-en";
import { nb } from "./go-live-nb";
import type { Language } from "./index";

export interface StartPlan {
  link: string;
  differing: string;
  createInPowerOffice: string;
  createInWebshop: string;
  ambiguous: string;
  skip: string;
}

export interface GoLiveMessages {
  checklistHeading: string;
  checklistIntro: string;
  /** Each item's name on the checklist. */
  item: Record<GoLiveItemId, string>;
  ready: string;
  notReady: string;
  /** The widget's own sentence for each problem code the worker names; any other code shows the worker's message. */
  problem: Record<GoLiveProblemCode, string>;
  /** The summary of a ready item's findings. */
  whatWasFound: string;
  /** The shop's API checked before, and not yet. */
  checkAgain: string;
  checkNow: string;
  checked: string;

  previewHeading: string;
  /** Said while nothing has been written: the preview reads only. */
  previewIntro: string;
  waitingForConnection: string;
  reading: string;
  /** "Customers in PowerOffice: 120 read, still reading". */
  progress: (dataflow: string, side: string, read: string, readToEnd: boolean) => string;
  readAt: (when: string) => string;
  readAgain: string;
  readingAgain: string;
  countsCaption: string;
  dataflowColumn: string;
  /** Column headers and filter choices, per action. */
  action: Record<PreviewAction, string>;
  /** One sentence per action: what the first sync would do with such an item. */
  actionHelp: Record<PreviewAction, string>;

  showPlan: string;
  hidePlan: string;
  planHeading: string;
  filterDataflow: string;
  filterAction: string;
  filterAll: string;
  search: string;
  searchButton: string;
  listEmpty: string;
  showMore: string;
  listCount: (shown: string) => string;
  downloadCsv: string;
  downloaded: (file: string) => string;

  matchedBy: (key: string) => string;
  pair: (poweroffice: string, webshop: string) => string;
  createIn: (side: string, label: string) => string;
  ambiguousOf: (label: string, side: string) => string;
  candidates: (side: string) => string;
  /** Records of an ambiguous item's own side that share its key. */
  rivals: (side: string) => string;
  linkTo: string;
  linkToLabel: (candidate: string, record: string) => string;
  skipped: (label: string, reason: string) => string;
  noReason: string;
  property: string;
  wins: string;
  winner: (side: string) => string;
  linkByHand: string;
  linkByHandTitle: (label: string) => string;
  linkByHandIntro: string;
  linkedByHand: (label: string) => string;
  cancel: string;
  link: string;
  emptyValue: string;

  optionsHeading: string;
  scopeLegend: string;
  scope: { full: string; fullHelp: string; fromNow: string; fromNowHelp: string };
  directionsLegend: string;
  directionsHelp: string;
  toWebshop: string;
  toPowerOffice: string;
  optionsSaved: string;

  startHeading: string;
  start: string;
  startTitle: string;
  /** What "Start syncing" will do, in counts, under the options chosen. */
  startFull: (plan: StartPlan) => string;
  startFromNow: (plan: StartPlan) => string;
  startLeftAlone: (plan: StartPlan) => string;
  startReplan: string;
  startYes: string;
  startNo: string;
  started: (when: string) => string;
  readOnly: string;
}

export function goLiveMessagesFor(language: Language): GoLiveMessages {
  return language === "nb" ? nb : en;
}
