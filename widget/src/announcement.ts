/** The one live region of a view: what the admin's last action did, said politely to a screen reader. */
import { html } from "lit";

export type Announcement = { ok: boolean; text: string };

export function announcementLine(announcement: Announcement | null, part: string) {
  const tone = announcement ? (announcement.ok ? "shown tone-ok" : "shown tone-danger") : "";
  return html`<p class="announcement ${tone}" part=${part} role="status" aria-live="polite">${announcement?.text ?? ""}</p>`;
}
