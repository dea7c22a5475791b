/**
 * Where the dashboard shows the go-live views (the checklist and the first sync's preview) until the sync is live.
 * They come from go-live.js, loaded with one dynamic import only then, so /widget.js carries none of them.
 */
import { html, nothing } from "lit";
import type { TokenSource } from "../api/token-source";

let loading: Promise<boolean> | null = null;

/**
 * go-live.js is served beside widget.js (the same deploy), wherever widget.js was loaded from. It also holds the
 * connection panel (connection-slot.ts), so this is the one way it is loaded, once per page.
 */
export function loadGoLiveViews(): Promise<boolean> {
  loading ??= import(new URL("./go-live.js", import.meta.url).href).then(
    () => true,
    () => {
      loading = null;
      return false;
    },
  );
  return loading;
}

export interface GoLiveSlot {
  tokens: TokenSource;
  apiBase: string;
  generation: number;
  changed(): void;
  done(): void;
}

/** The go-live views' parts, styleable from the page as the dashboard's own (`poweroffice-sync::part(plan)`). */
const GO_LIVE_PARTS = [
  "go-live",
  "go-live-item",
  "go-live-status",
  "preview",
  "preview-counts",
  "plan",
  "plan-item",
  "dialog",
  "error",
  "button",
  "check-again-button",
  "plan-button",
  "plan-link-button",
  "csv-button",
  "refresh-button",
  "start-button",
].join(", ");

/** The element's events are named in ../go-live/go-live-events.ts. */
export function goLiveSlot(slot: GoLiveSlot) {
  if (!customElements.get("poweroffice-sync-go-live")) return nothing;
  return html`<poweroffice-sync-go-live
    exportparts=${GO_LIVE_PARTS}
    .tokens=${slot.tokens}
    .apiBase=${slot.apiBase}
    .generation=${slot.generation}
    @poweroffice-sync-go-live-changed=${slot.changed}
    @poweroffice-sync-go-live-done=${slot.done}
  ></poweroffice-sync-go-live>`;
}
