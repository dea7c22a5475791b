/** Bokmål for the go-live views. */
import type { GoLiveMessages } from "./go-live-messages";

export const nb: GoLiveMessages = {
  checklistHeading: "Klar til drift",
  checklistIntro: "Synkroniseringen går for fullt når alt nedenfor er klart. Deretter legges listen bort.",
  item: {
    "poweroffice-connected": "PowerOffice er koblet til",
    "poweroffice-privileges": "Integrasjonen har tilgangene den trenger i PowerOffice",
    "webshop-api": "Nettbutikkens API svarer slik synkroniseringen forventer",
    "webhook-received": "En signert webhook fra nettbutikken er mottatt",
    "preview-reviewed": "Forhåndsvisningen av første synkronisering er gjennomgått",
    syncing: "Synkroniseringen er startet",
  },
  ready: "Klar",
  notReady: "Ikke klar",
  problem: {
    "poweroffice-not-connected":
      "Trykk Koble til PowerOffice, skriv inn selskapets organisasjonsnummer og godkjenn integrasjonen i PowerOffice.",
    "poweroffice-privileges-not-checked":
      "Integrasjonens tilganger leses fra PowerOffice når den er koblet til; last inn på nytt om et minutt. Står dette fortsatt, koble PowerOffice fra og til igjen.",
    "poweroffice-privileges-missing":
      "Integrasjonen mangler tilganger i PowerOffice, så de postene kan ikke synkroniseres: gi hver tilgang som står nedenfor i PowerOffice, og last så inn på nytt.",
    "webshop-not-checked": "Nettbutikkens API er ikke sjekket ennå: trykk på knappen ved dette punktet.",
    "webshop-unreachable":
      "Workeren nådde ikke nettbutikkens API: sjekk butikkens adresse i workerens innstillinger og at butikken er oppe, og sjekk så på nytt.",
    "webshop-open-without-token":
      "Nettbutikkens API svarer uten token, så hvem som helst kan lese kundene dine: be butikkens utvikler avvise slike forespørsler, og sjekk så på nytt.",
    "webshop-auth-refusal-invalid":
      "Nettbutikkens API avviser et feil token på en måte synkroniseringen ikke forstår: be butikkens utvikler svare 401 med kontraktens feilformat, og sjekk så på nytt.",
    "webshop-token-refused":
      "Nettbutikkens API avviste workerens token: gi workeren tokenet som butikkens synk-API godtar, og sjekk så på nytt.",
    "webshop-feed-invalid":
      "En endringsstrøm i butikken svarer ikke slik kontrakten sier (se linjene nedenfor): be butikkens utvikler rette det, og sjekk så på nytt.",
    "webshop-lookup-invalid":
      "Et oppslag i butikken svarer ikke slik kontrakten sier (se linjene nedenfor): be butikkens utvikler rette det, og sjekk så på nytt.",
    "webhook-not-received":
      "Ingen signert webhook fra butikken er kommet ennå: la butikken sende webhookene sine til denne workeren med den delte hemmeligheten, endre så en kunde, et produkt eller en ordre i butikken og last inn på nytt.",
    "preview-waiting-for-connection": "Forhåndsvisningen av første synkronisering lages når PowerOffice er koblet til.",
    "preview-reading":
      "Workeren leser begge systemene for å vise hva første synkronisering vil gjøre; ingenting skrives. Vent litt.",
    "preview-not-reviewed": "Trykk «Vis planen» nedenfor og les hva første synkronisering vil gjøre i hvert system.",
    "syncing-not-started":
      "Ingenting er synkronisert ennå: når planen ser riktig ut, trykk «Start synkronisering» nedenfor.",
    "syncing-waiting-for-first-run": "Synkroniseringen er startet; første kjøring kommer innen et minutt.",
    "syncing-not-connected":
      "Synkroniseringen står på vent fordi PowerOffice ikke er koblet til: koble til igjen, så fortsetter den der den stoppet.",
  },
  whatWasFound: "Hva som ble funnet",
  checkAgain: "Sjekk på nytt",
  checkNow: "Sjekk butikkens API",
  checked: "Nettbutikkens API ble sjekket på nytt.",

  previewHeading: "Forhåndsvisning av første synkronisering",
  previewIntro:
    "Ingenting er skrevet til PowerOffice eller nettbutikken ennå. Synkroniseringen har lest begge og viser hva den første kjøringen ville gjort.",
  waitingForConnection: "Forhåndsvisningen starter når PowerOffice er koblet til.",
  reading: "Leser begge systemene …",
  progress: (dataflow, side, read, readToEnd) =>
    `${dataflow} i ${side}: ${read} lest${readToEnd ? ", alle" : ", leser fortsatt"}`,
  readAt: (when) => `Lest ${when}.`,
  readAgain: "Les på nytt",
  readingAgain: "Leser begge systemene på nytt.",
  countsCaption: "Hva første synkronisering ville gjort, per dataflyt",
  dataflowColumn: "Dataflyt",
  action: {
    link: "Koble",
    "create-in-poweroffice": "Opprett i PowerOffice",
    "create-in-webshop": "Opprett i nettbutikken",
    ambiguous: "Tvetydig",
    skip: "Hopp over",
    differing: "Ulike verdier",
  },
  actionHelp: {
    link: "Poster som finnes på begge sider og kobles på en nøkkel de deler.",
    "create-in-poweroffice": "Butikkposter uten partner i PowerOffice: de opprettes der.",
    "create-in-webshop": "PowerOffice-poster uten partner i nettbutikken: de opprettes der.",
    ambiguous: "Poster med flere mulige partnere: ingenting gjøres med dem før du kobler én for hånd.",
    skip: "Poster som holdes utenfor: arkiverte, inaktive eller kansellerte.",
    differing: "Par som skal kobles, men har ulike verdier: verdien som vinner, skrives til den andre siden.",
  },

  showPlan: "Vis planen",
  hidePlan: "Skjul planen",
  planHeading: "Planen, post for post",
  filterDataflow: "Dataflyt",
  filterAction: "Hva skjer",
  filterAll: "Alle",
  search: "Søk i navn, e-post, numre",
  searchButton: "Søk",
  listEmpty: "Ingenting i planen passer til dette filteret.",
  showMore: "Vis flere",
  listCount: (shown) => `${shown} vist`,
  downloadCsv: "Last ned CSV",
  downloaded: (file) => `Lagret ${file}.`,

  matchedBy: (key) => `koblet på ${key}`,
  pair: (poweroffice, webshop) => `${poweroffice} (PowerOffice) ↔ ${webshop} (nettbutikken)`,
  createIn: (side, label) => `${label}: opprettes i ${side}`,
  ambiguousOf: (label, side) => `${label} (${side}) har flere mulige partnere`,
  candidates: (side) => `Mulige partnere i ${side}:`,
  rivals: (side) => `Har også denne nøkkelen i ${side}:`,
  linkTo: "Koble til denne",
  linkToLabel: (candidate, record) => `Koble ${record} til ${candidate}`,
  skipped: (label, reason) => `${label}: holdes utenfor (${reason})`,
  noReason: "ingen grunn oppgitt",
  property: "Egenskap",
  wins: "Vinner",
  winner: (side) => `${side} vinner`,
  linkByHand: "Koble for hånd …",
  linkByHandTitle: (label) => `Koble for hånd: ${label}`,
  linkByHandIntro:
    "Oppgi id-en til posten på hver side som hører sammen. Ingenting skrives til noe system før du starter synkroniseringen.",
  linkedByHand: (label) => `${label} kobles når synkroniseringen starter.`,
  cancel: "Avbryt",
  link: "Koble",
  emptyValue: "(tom)",

  optionsHeading: "Før du starter",
  scopeLegend: "Hva som synkroniseres",
  scope: {
    full: "Full synkronisering",
    fullHelp: "Alt i planen ovenfor kobles, opprettes og gjøres likt.",
    fromNow: "Bare poster som endres fra nå av",
    fromNowHelp:
      "Dagens poster blir som de er; en post matches, kobles eller opprettes først når den opprettes eller endres etter at du har startet.",
  },
  directionsLegend: "Retninger",
  directionsHelp:
    "Slå av en retning for at synkroniseringen ikke skal skrive den veien (den settes på pause og kan fortsettes fra oversikten), f.eks. produkter bare fra PowerOffice til butikken.",
  toWebshop: "PowerOffice → nettbutikken",
  toPowerOffice: "Nettbutikken → PowerOffice",
  optionsSaved: "Valgene er lagret.",

  startHeading: "Start",
  start: "Start synkronisering",
  startTitle: "Starte synkroniseringen nå?",
  startFull: (p) =>
    `Synkroniseringen kobler ${p.link} par (${p.differing} av dem med ulike verdier, der verdien som vinner skrives til den andre siden), oppretter ${p.createInPowerOffice} poster i PowerOffice og ${p.createInWebshop} i nettbutikken.`,
  startFromNow: (p) =>
    `Synkroniseringen lar dagens poster være som de er og synkroniserer hver post som opprettes eller endres fra nå av; de ${p.link} koblingene og de ${p.createInPowerOffice} postene som skal opprettes i PowerOffice og ${p.createInWebshop} i nettbutikken ovenfor, lages bare for poster som endres.`,
  startLeftAlone: (p) => `${p.ambiguous} tvetydige og ${p.skip} overhoppede poster røres ikke.`,
  startReplan: "Poster som er endret siden forhåndsvisningen, planlegges på nytt først, aldri skrevet i blinde.",
  startYes: "Start synkronisering",
  startNo: "Ikke ennå",
  started: (when) => `Synkroniseringen startet ${when}.`,
  readOnly: "Du har bare lesetilgang: en administrator med skrivetilgang kan endre valgene og starte synkroniseringen.",
};
