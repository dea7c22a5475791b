/** The go-live views' layout (the shared look is in ../theme.ts; fonts and colours inherit from the dashboard). */
import { css } from "lit";

export const goLiveStyles = css`
  .go-live {
    margin: 0.4em 0 1em;
  }
  .checklist-items,
  .plan-items {
    display: grid;
    gap: 0.5em;
  }
  .checklist-item {
    display: grid;
    grid-template-columns: 7.5em 1fr auto;
    align-items: start;
    gap: 0.4em 0.8em;
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: var(--poweroffice-sync-radius, 8px);
    padding: 0.5em 0.8em;
  }
  .checklist-item .badge {
    justify-self: start;
  }
  .checklist-title,
  .checklist-problem {
    margin: 0;
  }
  .checklist-title {
    font-weight: 500;
  }
  summary {
    cursor: pointer;
    font-size: 0.92em;
    color: var(--poweroffice-sync-muted, #57606a);
  }
  summary:focus-visible {
    outline: 2px solid var(--poweroffice-sync-focus, var(--poweroffice-sync-accent, #0b5cad));
    outline-offset: 2px;
  }
  .checklist-details {
    list-style: disc;
    padding-inline-start: 1.2em;
    font-size: 0.92em;
  }
  @container (max-width: 520px) {
    .checklist-item {
      grid-template-columns: 1fr;
    }
  }

  .preview-progress {
    display: grid;
    gap: 0.2em;
  }
  .table-scroll,
  .preview-counts {
    display: block;
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: 0.3em 0;
  }
  th,
  td {
    text-align: start;
    padding: 0.3em 0.6em;
    border-bottom: 1px solid var(--poweroffice-sync-border, #d0d7de);
    vertical-align: top;
  }
  thead th {
    font-weight: 600;
    font-size: 0.9em;
  }
  .count-button {
    min-height: 1.8em;
    padding: 0.1em 0.6em;
  }
  .action-help {
    display: grid;
    gap: 0.15em;
    margin: 0.6em 0;
    font-size: 0.92em;
  }
  .action-help div {
    display: flex;
    gap: 0.4em;
  }
  .action-help dt {
    font-weight: 600;
  }
  .action-help dt::after {
    content: ":";
  }

  .plan-filter {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.6em;
    margin: 0.6em 0;
  }
  .field {
    display: grid;
    gap: 0.25em;
  }
  .field.grow {
    flex: 1 1 12em;
  }
  select,
  input {
    font: inherit;
    color: inherit;
    border: 1px solid var(--poweroffice-sync-border-strong, #8c959f);
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
    padding: 0.35em 0.5em;
    background: var(--poweroffice-sync-background, #ffffff);
  }
  select:focus-visible {
    outline: 2px solid var(--poweroffice-sync-focus, var(--poweroffice-sync-accent, #0b5cad));
    outline-offset: 2px;
  }
  .plan-item {
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: var(--poweroffice-sync-radius, 8px);
    padding: 0.5em 0.8em;
  }
  .plan-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0;
  }
  .differences {
    margin-top: 0.4em;
    font-size: 0.92em;
  }
  .winner {
    font-weight: 600;
  }
  .candidates-label {
    margin: 0.4em 0 0.2em;
  }
  .candidates {
    display: grid;
    gap: 0.3em;
  }
  .candidates li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.8em;
  }
  .link-by-hand,
  .more {
    margin-top: 0.5em;
  }

  .directions-grid {
    display: grid;
    gap: 0.3em;
  }
  .directions-row {
    display: grid;
    grid-template-columns: 9em auto auto;
    justify-content: start;
    gap: 0.3em 1.2em;
  }
  .directions-name {
    font-weight: 500;
  }
  .direction-option {
    display: inline-flex;
    gap: 0.4em;
    align-items: center;
  }
  .start-actions,
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.6em;
    margin-top: 1em;
  }


`;
