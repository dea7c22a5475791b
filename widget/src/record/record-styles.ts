/** The record element's own layout (the shared look is in ../theme.ts). */
import { css } from "lit";

export const recordStyles = css`
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.45em 1.2em;
    margin: 0.9em 0;
  }
  .facts > div {
    display: contents;
  }
  dt {
    color: var(--poweroffice-sync-muted, #57606a);
  }
  .last-error {
    color: var(--poweroffice-sync-danger, #a40e26);
  }
  /* A pending record's reason is a wait (a dependency, the first read), not a failure. */
  .last-error.waiting {
    color: inherit;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
  }
  .outcome {
    margin: 0;
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
  }
  .outcome.shown {
    padding: 0.3em 0.7em;
  }
  /* The question before a record stops syncing: set apart, its yes in the danger colour. */
  .confirm {
    margin-top: 0.9em;
    padding: 0.7em 0.9em;
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.6em;
  }
  .confirm p {
    margin: 0;
    flex-basis: 100%;
  }
  button.danger {
    color: #fff;
    background: var(--poweroffice-sync-danger, #a40e26);
    border-color: var(--poweroffice-sync-danger, #a40e26);
  }
`;
