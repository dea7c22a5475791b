/**
 * Where the dashboard shows the go-live views (the checklist and the first sync's preview) until the sync is live.
 * They come from go-live.js, loaded with one dynamic import only then, so /widget.js carries none of them.
 */
import { html, nothing } from "lit";
import type { TokenSource } from "../api/token-source";

let loading: Promise<boolean> | null = null;

/** go-live.js is served beside widget.js (the same deploy), wherever widget.js was loaded from. */
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

/** The element's events are named in ../go-live/go-live-events.ts. */
export function goLiveSlot(slot: GoLiveSlot) {
  if (!customElements.get("poweroffice-sync-go-live")) return nothing;
  return html`<poweroffice-sync-go-live
    .tokens=${slot.tokens}
    .apiBase=${slot.apiBase}
    .generation=${slot.generation}
    @poweroffice-sync-go-live-changed=${slot.changed}
    @poweroffice-sync-go-live-done=${slot.done}
  ></poweroffice-sync-go-live>`;
}
