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
`;
