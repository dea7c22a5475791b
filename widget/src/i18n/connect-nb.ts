/** The connection panel's words in bokmål (connect-messages.ts says which). */
import type { ConnectMessages } from "./connect-messages";

export const nb: ConnectMessages = {
  missing: "PowerOffice holder tilbake rettigheter synkroniseringen trenger:",
  orgLabel: "Organisasjonsnummeret til PowerOffice-klienten",
  connect: "Koble til PowerOffice",
  disconnectQuestion:
    "Slutte å synkronisere med PowerOffice? Koblingene og historikken beholdes, så en ny tilkobling fortsetter.",
  keep: "Behold tilkoblingen",
  disconnected: "PowerOffice er koblet fra. Ingenting synkroniseres før det kobles til igjen.",
  notWhitelisted: (url) =>
    `PowerOffice godtar ikke adressen til denne synkroniseringen (${url}) ennå: be PowerOffice (go-api@poweroffice.no) om å godkjenne den, og sett PowerOffice-klientnøkkelen som hemmelighet på synkroniseringen i mellomtiden (se installasjonsveiledningen).`,
  outcome: {
    connected: "PowerOffice er koblet til.",
    canceled: "Tilkoblingen ble avbrutt i PowerOffice; ingenting ble endret.",
    "client-not-found": "PowerOffice fant ingen klient med det organisasjonsnummeret for den brukeren.",
    "no-client-access": "PowerOffice-brukeren har ikke tilgang til den klienten.",
    "integration-blocked": "Klienten har blokkert denne integrasjonen i PowerOffice.",
    expired: "Tilkoblingen tok mer enn 15 minutter og ble ikke brukt: koble til på nytt.",
    failed: "PowerOffice kunne ikke kobles til.",
  },
};
