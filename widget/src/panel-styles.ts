/**
 * Rules the dashboard (widget.js) and the go-live views (go-live.js) both use: the announcement line, the dialog, the
 * labelled input, and a fieldset of choices. Each bundle carries its own copy; one source keeps them looking the same.
 */
import { css } from "lit";

export const announcementStyles = css`
  .announcement {
    margin: 0.8em 0 0;
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
  }
  .announcement.shown {
    padding: 0.5em 0.8em;
  }
`;

export const dialogStyles = css`
  dialog {
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: var(--poweroffice-sync-radius, 8px);
    padding: 1.2em;
    width: min(92vw, 560px);
    font: inherit;
    color: inherit;
    background: var(--poweroffice-sync-background, #ffffff);
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.45);
  }
  dialog h3 {
    margin-top: 0;
  }
`;

export const fieldStyles = css`
  .field {
    display: grid;
    gap: 0.25em;
    margin: 0.7em 0;
  }
  .field input {
    border: 1px solid var(--poweroffice-sync-border-strong, #8c959f);
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
    padding: 0.4em 0.6em;
    background: var(--poweroffice-sync-background, #ffffff);
  }
`;

export const choiceStyles = css`
  fieldset {
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
    margin: 0.7em 0;
    padding: 0.6em 0.8em;
  }
  legend {
    padding: 0 0.3em;
    font-weight: 600;
  }
  .option {
    display: flex;
    gap: 0.6em;
    align-items: flex-start;
    padding: 0.35em 0;
  }
  .option-text {
    display: grid;
  }
  .option-side {
    font-weight: 500;
  }
`;
