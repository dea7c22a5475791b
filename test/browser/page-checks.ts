/**
 * What the browser tests check on a page, run inside it: text contrast inside a widget's shadow root, and the
 * computed styles of elements (to compare a page with and without hostile CSS, or with and without the widget).
 */
import type { Page } from "playwright-core";

export interface ContrastProblem {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Every visible text node inside `hostSelector`'s shadow root whose colour against its effective background is
 * below `minimum` (WCAG AA for normal text: 4.5). Backgrounds are walked up through the shadow root to the page.
 */
export function contrastProblems(page: Page, hostSelector: string, minimum = 4.5): Promise<ContrastProblem[]> {
  return page.evaluate(
    ({ hostSelector, minimum }) => {
      const parse = (c: string): [number, number, number, number] => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m?.[1]) return [0, 0, 0, 0];
        const parts = m[1]
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
      };
      const luminance = ([r, g, b]: number[]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const parentOf = (el: Element): Element | null =>
        el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      const background = (el: Element): [number, number, number] => {
        for (let e: Element | null = el; e; e = parentOf(e)) {
          const [r, g, b, a] = parse(getComputedStyle(e).backgroundColor);
          if (a > 0.5) return [r, g, b];
        }
        return [255, 255, 255];
      };
      const problems: { text: string; ratio: number; color: string; background: string }[] = [];
      for (const host of Array.from(document.querySelectorAll(hostSelector))) {
        const root = host.shadowRoot;
        if (!root) continue;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim();
          const el = node.parentElement;
          if (!text || !el) continue;
          const rect = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (rect.width === 0 || style.visibility === "hidden" || el.closest("[aria-hidden='true']")) continue;
          if (el.closest("dialog:not([open])")) continue;
          const [r, g, b, a] = parse(style.color);
          const bg = background(el);
          // A translucent colour (a disabled button's opacity is not counted) is blended over its background.
          const fg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
          const l1 = luminance(fg);
          const l2 = luminance(bg);
          const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
          if (ratio < minimum) {
            problems.push({
              text,
              ratio: Math.round(ratio * 100) / 100,
              color: style.color,
              background: `rgb(${bg.join(",")})`,
            });
          }
        }
      }
      return problems;
    },
    { hostSelector, minimum },
  );
}

const STYLE_PROPERTIES = [
  "font-family",
  "font-size",
  "font-weight",
  "color",
  "background-color",
  "letter-spacing",
  "text-transform",
  "line-height",
  "padding-top",
  "margin-top",
  "border-top-width",
  "border-top-color",
];

/** Computed styles of elements inside `host`'s shadow root, keyed by the given inner selectors. */
export function innerStyles(
  page: Page,
  host: string,
  selectors: string[],
): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(
    ({ host, selectors, properties }) => {
      const root = document.querySelector(host)?.shadowRoot;
      const out: Record<string, Record<string, string>> = {};
      for (const selector of selectors) {
        const el = root?.querySelector(selector);
        if (!el) throw new Error(`${selector} not found in ${host}`);
        const style = getComputedStyle(el);
        out[selector] = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
      }
      return out;
    },
    { host, selectors, properties: STYLE_PROPERTIES },
  );
}

/** Computed styles of light-DOM elements of the page. */
export function pageStyles(page: Page, selectors: string[]): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(
    ({ selectors, properties }) => {
      const out: Record<string, Record<string, string>> = {};
      for (const selector of selectors) {
        const el = document.querySelector(selector);
        if (!el) throw new Error(`${selector} not found`);
        const style = getComputedStyle(el);
        out[selector] = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
      }
      return out;
    },
    { selectors, properties: STYLE_PROPERTIES },
  );
}
