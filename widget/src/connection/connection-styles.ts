/** The connection panel's form (the shared look is in ../theme.ts; fonts and colours inherit from the dashboard). */
import { css } from "lit";

export const connectionStyles = css`
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
