/**
 * The look both elements share: the theme's custom properties with their defaults (docs/widget.md lists them), the
 * wall against the page's CSS, buttons, badges and focus rings. Default colours keep text at ≥ 4.5:1 contrast.
 */
import { css } from "lit";

export const themeStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }

  /*
   * Shadow DOM keeps the page's selectors out, but inherited properties (font, colour, line-height, letter-spacing,
   * text-transform…) still flow in from the page through the host. "all: initial" cuts that inheritance here;
   * custom properties are not reset by "all", so the theme still reaches in. Sizes are px or em, never rem (rem
   * follows the page's root font size).
   */
  .root {
    all: initial;
    display: block;
    box-sizing: border-box;
    font-family: var(--poweroffice-sync-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
    font-size: var(--poweroffice-sync-font-size, 14px);
    line-height: 1.45;
    color: var(--poweroffice-sync-text, #1f2328);
    background: var(--poweroffice-sync-background, #ffffff);
    border: 1px solid var(--poweroffice-sync-border, #d0d7de);
    border-radius: var(--poweroffice-sync-radius, 8px);
    padding: 1.15em;
    text-align: start;
  }
  .root *,
  .root *::before,
  .root *::after {
    box-sizing: border-box;
  }

  h2,
  h3,
  h4 {
    margin: 0;
    font-weight: 600;
    line-height: 1.25;
    color: var(--poweroffice-sync-heading, var(--poweroffice-sync-text, #1f2328));
  }
  h2 {
    font-size: 1.3em;
  }
  h3 {
    font-size: 1.1em;
    margin: 1.4em 0 0.6em;
  }
  h4 {
    font-size: 1em;
  }
  p {
    margin: 0.4em 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  dl,
  dd {
    margin: 0;
  }
  .muted {
    color: var(--poweroffice-sync-muted, #57606a);
  }

  button,
  input {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button {
    cursor: pointer;
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
    border: 1px solid var(--poweroffice-sync-border-strong, #8c959f);
    background: var(--poweroffice-sync-background, #ffffff);
    color: var(--poweroffice-sync-text, #1f2328);
    padding: 0.35em 0.85em;
    min-height: 2.1em;
    font-weight: 500;
  }
  button:hover:not(:disabled, [aria-disabled="true"]) {
    background: var(--poweroffice-sync-surface, #f6f8fa);
  }
  button.primary {
    background: var(--poweroffice-sync-accent, #0b5cad);
    border-color: var(--poweroffice-sync-accent, #0b5cad);
    color: var(--poweroffice-sync-accent-text, #ffffff);
  }
  button.primary:hover:not(:disabled, [aria-disabled="true"]) {
    background: var(--poweroffice-sync-accent-hover, #094a8c);
  }
  /*
   * A control busy with its own action says so with aria-disabled rather than disabled: a disabled button drops
   * keyboard focus to the page, and the admin who pressed Enter should stay where they were.
   */
  button:disabled,
  button[aria-disabled="true"] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  button:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--poweroffice-sync-focus, var(--poweroffice-sync-accent, #0b5cad));
    outline-offset: 2px;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    border-radius: 999px;
    padding: 0.1em 0.65em;
    font-size: 0.9em;
    font-weight: 600;
    white-space: nowrap;
    border: 1px solid transparent;
  }
  .badge .icon {
    font-size: 0.95em;
  }
  .tone-ok {
    color: var(--poweroffice-sync-ok, #116329);
    background: var(--poweroffice-sync-ok-background, #dafbe1);
  }
  .tone-info {
    color: var(--poweroffice-sync-info, #0a4a8a);
    background: var(--poweroffice-sync-info-background, #ddf4ff);
  }
  .tone-warning {
    color: var(--poweroffice-sync-warning, #6f4400);
    background: var(--poweroffice-sync-warning-background, #fff8c5);
  }
  .tone-danger {
    color: var(--poweroffice-sync-danger, #a40e26);
    background: var(--poweroffice-sync-danger-background, #ffebe9);
  }
  .tone-neutral {
    color: var(--poweroffice-sync-neutral, #424a53);
    background: var(--poweroffice-sync-neutral-background, #eaeef2);
  }

  .message {
    border-radius: calc(var(--poweroffice-sync-radius, 8px) * 0.75);
    padding: 0.6em 0.85em;
    margin: 0.6em 0;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
