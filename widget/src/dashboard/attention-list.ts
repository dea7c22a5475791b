/** "Needs attention": each record that waits for the admin, in words, with the one action that helps it. */
import { html, nothing } from "lit";
import type { RecordSummary } from "../../../shared/api";
import { formatNumber } from "../format";
import type { Messages } from "../i18n";
import { stateBadge } from "../state-badge";

export type AttentionKind = "error" | "deadLetter" | "conflict" | "ambiguous";
export type AttentionAction = "retry" | "replay" | "resolve" | "link";

export interface AttentionItem {
  kind: AttentionKind;
  record: RecordSummary;
}

/** A failed record with no retry scheduled has used up its attempts: it waits for a replay. */
export function attentionKindOf(record: RecordSummary): AttentionKind | null {
  switch (record.state) {
    case "error":
      return record.nextRetryAt === null ? "deadLetter" : "error";
    case "conflict":
      return "conflict";
    case "ambiguous":
      return "ambiguous";
    default:
      return null;
  }
}

const ACTION: Record<AttentionKind, AttentionAction> = {
  error: "retry",
  deadLetter: "replay",
  conflict: "resolve",
  ambiguous: "link",
};

export const attentionActionKey = (item: AttentionItem) => `${ACTION[item.kind]}:${item.record.linkId}`;

export function recordLabel(m: Messages, record: RecordSummary): string {
  return (
    record.label ??
    record.powerofficeNumber ??
    record.ids.webshop ??
    record.ids.poweroffice ??
    `#${formatNumber(m, record.linkId)}`
  );
}

export function attentionList(
  m: Messages,
  items: AttentionItem[],
  more: number,
  busy: string | null,
  act: (item: AttentionItem, action: AttentionAction) => void,
) {
  if (items.length === 0) return html`<p class="muted empty">${m.attentionEmpty}</p>`;
  return html`<ul class="attention" part="attention">
      ${items.map((item) => {
        const action = ACTION[item.kind];
        const key = attentionActionKey(item);
        const label = recordLabel(m, item.record);
        const label2 = { retry: m.retry, replay: m.replay, resolve: m.resolve, link: m.linkByHand }[action];
        return html`<li class="attention-item" part="attention-item" data-link-id=${item.record.linkId} data-kind=${item.kind}>
          <div class="attention-text">
            <p class="attention-title">
              ${stateBadge(m, item.record.state)}
              <strong>${label}</strong>
              <span class="muted">${m.dataflow[item.record.dataflow]} · ${m.attentionKind[item.kind]}</span>
            </p>
            ${item.record.lastError ? html`<p class="attention-error">${item.record.lastError.message}</p>` : nothing}
          </div>
          <button
            part="button action-button"
            class=${action === "retry" || action === "replay" ? "" : "primary"}
            data-action=${key}
            aria-label=${`${label2}: ${label}`}
            aria-disabled=${busy === key ? "true" : "false"}
            @click=${() => act(item, action)}
          >
            ${label2}
          </button>
        </li>`;
      })}
    </ul>
    ${more > 0 ? html`<p class="muted">${m.attentionMore(formatNumber(m, more))}</p>` : nothing}`;
}
