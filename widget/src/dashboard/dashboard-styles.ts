/** The dashboard's own layout (the shared look is in ../theme.ts). */
import { css } from "lit";

export const dashboardStyles = css`
  .top {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
  }

  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
    gap: 0.9em;
  }
  .card {
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: var(--poweroffice-sync-radius, 8px);
    background: var(--poweroffice-sync-surface, #f6f8fa);
    padding: 0.9em;
  }
  .card-header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    margin-bottom: 0.6em;
  }

  .counts {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.15em 1em;
  }
  .count {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
  }
  .count dt {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .count dd {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .count.zero dt,
  .count.zero dd {
    color: var(--poweroffice-sync-muted, #57606a);
    font-weight: 400;
  }
  .dot {
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    border: 1px solid currentColor;
  }

  .backfill {
    margin: 0.8em 0 0.6em;
  }
  .first-sync {
    margin: 0 0 0.6em;
  }
  .backfill-label {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
    margin-bottom: 0.25em;
  }
  .progress {
    height: 0.55em;
    border-radius: 999px;
    background: var(--poweroffice-sync-track, #d0d7de);
    overflow: hidden;
  }
  .progress-bar {
    height: 100%;
    background: var(--poweroffice-sync-accent, #0b5cad);
    border-radius: inherit;
    transition: width 0.3s ease;
  }
  .progress-bar.complete {
    background: var(--poweroffice-sync-ok, #116329);
  }

  .directions {
    display: grid;
    gap: 0.4em;
    margin: 0.6em 0;
  }
  .direction {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 0.3em 0.6em;
  }
  .direction button {
    grid-column: 1 / -1;
    justify-self: start;
    font-size: 0.9em;
  }
  .runs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1em;
    font-size: 0.9em;
    margin-bottom: 0;
  }
  .brake p {
    margin: 0 0 0.5em;
  }

  .attention {
    display: grid;
    gap: 0.5em;
  }
  .attention-item {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: var(--poweroffice-sync-radius, 8px);
    padding: 0.6em 0.8em;
  }
  .attention-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0;
  }
  .attention-error {
    margin: 0.3em 0 0;
  }
  .attention-item button {
    flex: none;
  }
  .dead-letters h4 {
    margin: 1em 0 0.2em;
  }
  .dead-letters .intro {
    margin: 0 0 0.5em;
  }
  .dead-letters .link-button {
    margin-top: 0.5em;
  }

  .activity {
    display: grid;
    gap: 0.1em;
  }
  .activity-item {
    display: grid;
    grid-template-columns: 10em 1fr;
    gap: 0 1em;
    padding: 0.35em 0;
    border-bottom: 1px solid var(--poweroffice-sync-border, #d0d7de);
  }
  .activity-item p {
    margin: 0;
  }
  .activity-message {
    grid-column: 2;
    font-size: 0.92em;
  }
  @container (max-width: 520px) {
    .activity-item {
      grid-template-columns: 1fr;
    }
    .activity-message {
      grid-column: 1;
    }
  }

  .link-button {
    margin-top: 0.5em;
  }

  .option {
    cursor: pointer;
  }
  .value {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.92em;
    word-break: break-word;
    color: var(--poweroffice-sync-muted, #57606a);
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.6em;
    margin-top: 1em;
  }
`;
