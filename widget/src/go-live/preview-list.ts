/**
 * The plan record by record: filtered by dataflow, action and a search, paged with "Show more", each item in
 * words (the pair and the key it matched by; the values that differ and which wins; the candidates of an ambiguous
 * one with a way to link one; why a record is skipped), and "Download CSV" of the filter.
 */
import { html, nothing } from "lit";
import { PREVIEW_ACTIONS, type PreviewAction, type PreviewItem } from "../../../shared/api/preview";
import { DATAFLOWS, type DataflowId, type Side } from "../../../shared/api/vocabulary";
import type { ApiFailure } from "../api/failure";
import { describeFailure } from "../api/failure";
import { formatNumber } from "../format";
import type { Messages } from "../i18n";
import type { GoLiveMessages } from "../i18n/go-live-messages";
import type { PlanFilter } from "./go-live-api";

export const MORE_KEY = "plan-more";
export const CSV_KEY = "plan-csv";
export const linkKey = (item: PreviewItem, candidate?: string) => `plan-link:${item.id}:${candidate ?? ""}`;

export interface PlanList {
  filter: PlanFilter;
  items: PreviewItem[];
  nextCursor: string | null;
  loading: boolean;
  failure: ApiFailure | null;
}

export interface PlanHandlers {
  busy: string | null;
  canWrite: boolean;
  filter(filter: PlanFilter): void;
  more(): void;
  csv(): void;
  linkCandidate(item: PreviewItem, candidate: { side: Side; id: string; label: string }): void;
  linkByHand(item: PreviewItem): void;
}

export function itemLabel(item: PreviewItem): string {
  return item.poweroffice?.label ?? item.webshop?.label ?? item.id;
}

function differences(m: Messages, g: GoLiveMessages, item: PreviewItem) {
  if (item.differences.length === 0) return nothing;
  const value = (text: string | null) => (text === null || text === "" ? g.emptyValue : text);
  return html`<table class="differences">
    <thead>
      <tr>
        <th scope="col">${g.property}</th>
        <th scope="col">${m.side.poweroffice}</th>
        <th scope="col">${m.side.webshop}</th>
        <th scope="col">${g.wins}</th>
      </tr>
    </thead>
    <tbody>
      ${item.differences.map(
        (d) => html`<tr data-property=${d.property}>
          <th scope="row"><code>${d.property}</code></th>
          <td class=${d.winner === "poweroffice" ? "winner" : ""}>${value(d.poweroffice)}</td>
          <td class=${d.winner === "webshop" ? "winner" : ""}>${value(d.webshop)}</td>
          <td>${g.winner(m.side[d.winner])}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function itemText(m: Messages, g: GoLiveMessages, item: PreviewItem): string {
  const po = item.poweroffice?.label ?? item.poweroffice?.id;
  const shop = item.webshop?.label ?? item.webshop?.id;
  const key = item.matchedBy ? `, ${g.matchedBy(item.matchedBy)}` : "";
  switch (item.action) {
    case "link":
    case "differing":
      return `${g.pair(po ?? "?", shop ?? "?")}${key}`;
    case "create-in-poweroffice":
      return g.createIn(m.side.poweroffice, shop ?? item.id);
    case "create-in-webshop":
      return g.createIn(m.side.webshop, po ?? item.id);
    case "ambiguous":
      return g.ambiguousOf(itemLabel(item), m.side[item.poweroffice ? "poweroffice" : "webshop"]);
    case "skip":
      return g.skipped(itemLabel(item), item.reason ?? g.noReason);
  }
}

/**
 * An ambiguous item's candidates on one side: on the other side each is a partner it can be linked to; on its own
 * side they are rivals sharing its key (listed so the admin sees why, with no link to make).
 */
function candidateList(m: Messages, g: GoLiveMessages, item: PreviewItem, side: Side, label: string, on: PlanHandlers) {
  const mine = item.poweroffice ? "poweroffice" : "webshop";
  const candidates = item.candidates.filter((c) => c.side === side);
  if (candidates.length === 0) return nothing;
  const partners = side !== mine;
  return html`<p class="candidates-label">${partners ? g.candidates(m.side[side]) : g.rivals(m.side[side])}</p>
    <ul class="candidates" data-side=${side}>
      ${candidates.map((candidate) => {
        const key = linkKey(item, `${candidate.side}:${candidate.id}`);
        return html`<li data-candidate=${candidate.id}>
          <span>${candidate.label} <span class="muted">(${candidate.id})</span></span>
          ${
            partners
              ? html`<button
                  part="button plan-link-button"
                  data-action=${key}
                  ?disabled=${!on.canWrite}
                  aria-disabled=${on.busy === key ? "true" : "false"}
                  aria-label=${g.linkToLabel(candidate.label, label)}
                  @click=${() => on.linkCandidate(item, candidate)}
                >${g.linkTo}</button>`
              : nothing
          }
        </li>`;
      })}
    </ul>`;
}

function itemRow(m: Messages, g: GoLiveMessages, item: PreviewItem, on: PlanHandlers) {
  const label = itemLabel(item);
  const mySide: Side = item.poweroffice ? "poweroffice" : "webshop";
  return html`<li class="plan-item" part="plan-item" data-item-id=${item.id} data-action=${item.action} data-dataflow=${item.dataflow}>
    <p class="plan-title">
      <span class="badge tone-neutral">${g.action[item.action]}</span>
      <span class="muted">${m.dataflow[item.dataflow]}</span>
      <span class="plan-text">${itemText(m, g, item)}</span>
    </p>
    ${item.reason && item.action !== "skip" ? html`<p class="muted plan-reason">${item.reason}</p>` : nothing}
    ${differences(m, g, item)}
    ${candidateList(m, g, item, mySide === "poweroffice" ? "webshop" : "poweroffice", label, on)}
    ${candidateList(m, g, item, mySide, label, on)}
    ${
      item.action === "ambiguous" || item.action.startsWith("create-")
        ? html`<button
            part="button plan-link-button"
            class="link-by-hand"
            data-action=${linkKey(item)}
            ?disabled=${!on.canWrite}
            aria-label=${g.linkByHandTitle(label)}
            @click=${() => on.linkByHand(item)}
          >${g.linkByHand}</button>`
        : nothing
    }
  </li>`;
}

export function planList(m: Messages, g: GoLiveMessages, list: PlanList, on: PlanHandlers) {
  const { filter } = list;
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const dataflow = String(data.get("dataflow") ?? "");
    const action = String(data.get("action") ?? "");
    on.filter({
      dataflow: (DATAFLOWS as readonly string[]).includes(dataflow) ? (dataflow as DataflowId) : undefined,
      action: (PREVIEW_ACTIONS as readonly string[]).includes(action) ? (action as PreviewAction) : undefined,
      q: String(data.get("q") ?? "").trim() || undefined,
    });
  };
  // A change of a select filters at once; the search waits for Enter or "Search".
  const change = (event: Event) => (event.target as HTMLElement).closest("form")?.requestSubmit();
  return html`<section class="plan" part="plan" aria-labelledby="plan-heading">
    <h4 id="plan-heading">${g.planHeading}</h4>
    <form class="plan-filter" role="search" @submit=${submit}>
      <label class="field">
        <span>${g.filterDataflow}</span>
        <select name="dataflow" @change=${change}>
          <option value="" ?selected=${!filter.dataflow}>${g.filterAll}</option>
          ${DATAFLOWS.map((d) => html`<option value=${d} ?selected=${filter.dataflow === d}>${m.dataflow[d]}</option>`)}
        </select>
      </label>
      <label class="field">
        <span>${g.filterAction}</span>
        <select name="action" @change=${change}>
          <option value="" ?selected=${!filter.action}>${g.filterAll}</option>
          ${PREVIEW_ACTIONS.map(
            (a) => html`<option value=${a} ?selected=${filter.action === a}>${g.action[a]}</option>`,
          )}
        </select>
      </label>
      <label class="field grow">
        <span>${g.search}</span>
        <input name="q" type="search" maxlength="200" autocomplete="off" .value=${filter.q ?? ""} />
      </label>
      <button type="submit" part="button">${g.searchButton}</button>
      <button
        type="button"
        part="button csv-button"
        data-action=${CSV_KEY}
        aria-disabled=${on.busy === CSV_KEY ? "true" : "false"}
        @click=${on.csv}
      >${g.downloadCsv}</button>
    </form>
    ${
      list.failure
        ? html`<p class="message tone-danger" role="alert" part="error">
          ${m.errors.loadFailed(describeFailure(list.failure, m))}
        </p>`
        : nothing
    }
    ${
      list.items.length === 0
        ? html`<p class="muted" role="status">${list.loading ? m.loading : g.listEmpty}</p>`
        : html`<p class="muted plan-count" role="status">${g.listCount(formatNumber(m, list.items.length))}</p>
          <ul class="plan-items">${list.items.map((item) => itemRow(m, g, item, on))}</ul>`
    }
    ${
      list.nextCursor
        ? html`<button
            part="button"
            class="more"
            data-action=${MORE_KEY}
            aria-disabled=${list.loading ? "true" : "false"}
            @click=${on.more}
          >${g.showMore}</button>`
        : nothing
    }
  </section>`;
}
