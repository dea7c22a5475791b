/** A record's state as a badge: a symbol and a word, so colour is never the only signal. */
import { html } from "lit";
import type { RecordState } from "../../shared/api";
import type { Messages } from "./i18n";

const LOOK: Record<RecordState, { tone: string; icon: string }> = {
  linked: { tone: "ok", icon: "✓" },
  pending: { tone: "info", icon: "…" },
  conflict: { tone: "warning", icon: "⇄" },
  ambiguous: { tone: "warning", icon: "?" },
  error: { tone: "danger", icon: "!" },
  archived: { tone: "neutral", icon: "▢" },
  skipped: { tone: "neutral", icon: "–" },
  unlinked: { tone: "neutral", icon: "○" },
};

export function toneOf(state: RecordState): string {
  return `tone-${LOOK[state].tone}`;
}

export function stateBadge(m: Messages, state: RecordState) {
  const look = LOOK[state];
  return html`<span part="badge" class="badge tone-${look.tone}" data-state=${state} title=${m.stateHelp[state]}
    ><span class="icon" aria-hidden="true">${look.icon}</span>${m.state[state]}</span
  >`;
}
