/**
 * "Messages the sync gave up on", in "Needs attention": the queue messages the worker gave up on and nobody sent
 * again yet, newest first, in the worker's words (what each asked for, why it failed), each with "Send again" for a
 * write token, or why it cannot be sent again.
 */
import { html, nothing } from "lit";
import type { DeadLetter, DeadLettersListResponse } from "../../../shared/api";
import { DEAD_LETTERS_MAX_LIMIT } from "../../../shared/api";
import type { SyncApi } from "../api/client";
import type { ApiResult } from "../api/failure";
import { formatDateTime, formatNumber } from "../format";
import type { Messages } from "../i18n";

/** Listed at first and added by each "Show more". */
export const DEAD_LETTERS_PAGE = 10;
export const SHOW_MORE_KEY = "dead-letters:more";
export const sendAgainKey = (letter: DeadLetter) => `send-again:${letter.id}`;

/** The list's paging: "Show more" asks for the next page by its cursor, and a reload lists as many again. */
export class DeadLetterPager {
  private shown = DEAD_LETTERS_PAGE;

  constructor(private readonly api: SyncApi) {}

  /** The newest ones, as many as are shown; not asked for (null) when the status counts none. */
  load(count: number, signal: AbortSignal): Promise<ApiResult<DeadLettersListResponse>> | null {
    if (count === 0) return null;
    return this.api.deadLetters({ limit: Math.min(this.shown, DEAD_LETTERS_MAX_LIMIT) }, signal);
  }

  /** `list` with its next (older) page appended; an id already listed is not listed twice. */
  async more(list: DeadLettersListResponse): Promise<ApiResult<DeadLettersListResponse>> {
    if (!list.nextCursor) return { ok: true, value: list };
    const next = await this.api.deadLetters({ cursor: list.nextCursor, limit: DEAD_LETTERS_PAGE });
    if (!next.ok) return next;
    const known = new Set(list.data.map((letter) => letter.id));
    const data = [...list.data, ...next.value.data.filter((letter) => !known.has(letter.id))];
    this.shown = Math.max(DEAD_LETTERS_PAGE, data.length);
    return { ok: true, value: { data, nextCursor: next.value.nextCursor } };
  }
}

export interface DeadLetterListOptions {
  /** The token may write (a read token sees the list without buttons). */
  canSend: boolean;
  busy: string | null;
  sendAgain: (letter: DeadLetter) => void;
  showMore: () => void;
}

export function deadLetterList(m: Messages, list: DeadLettersListResponse, options: DeadLetterListOptions) {
  return html`<section aria-labelledby="dead-letters-heading" class="dead-letters" part="dead-letters">
    <h4 id="dead-letters-heading">${m.deadLettersHeading}</h4>
    <p class="muted intro">${m.deadLettersIntro}</p>
    <ul class="attention">
      ${list.data.map((letter) => {
        const key = sendAgainKey(letter);
        return html`<li class="attention-item" part="dead-letter" data-dead-letter-id=${letter.id}>
          <div class="attention-text">
            <p class="attention-title"><strong>${letter.summary}</strong></p>
            <p class="attention-error">${letter.reason}</p>
            <p class="muted">
              <time datetime=${letter.at}>${m.deadLetterGaveUpAt(formatDateTime(m, letter.at))}</time>
              · ${m.deadLetterAttempts(formatNumber(m, letter.attempts))}
            </p>
            ${letter.replayable ? nothing : html`<p class="muted">${m.deadLetterCannotSend}</p>`}
          </div>
          ${
            letter.replayable && options.canSend
              ? html`<button
                  part="button action-button"
                  data-action=${key}
                  aria-label=${`${m.sendAgain}: ${letter.summary}`}
                  aria-disabled=${options.busy === key ? "true" : "false"}
                  @click=${() => options.sendAgain(letter)}
                >
                  ${m.sendAgain}
                </button>`
              : nothing
          }
        </li>`;
      })}
    </ul>
    ${
      list.nextCursor
        ? html`<button
            class="link-button"
            part="button"
            data-action=${SHOW_MORE_KEY}
            aria-disabled=${options.busy === SHOW_MORE_KEY ? "true" : "false"}
            @click=${options.showMore}
          >
            ${m.deadLettersMore}
          </button>`
        : nothing
    }
  </section>`;
}
