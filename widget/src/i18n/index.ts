/**
 * Chooses the widget's language: the element's own `lang`, else the nearest ancestor's (the page's `<html lang>`).
 * Bokmål for nb, no and nn (a nynorsk page reads bokmål better than English); English for anything else.
 */
import { en } from "./en";
import type { Messages } from "./messages";
import { nb } from "./nb";

export type { Messages } from "./messages";

export type Language = "nb" | "en";

export function languageOf(tag: string | null | undefined): Language {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return primary === "nb" || primary === "no" || primary === "nn" ? "nb" : "en";
}

export function messagesFor(language: Language): Messages {
  return language === "nb" ? nb : en;
}

/** The language in effect for `element`, by the HTML rule that `lang` is inherited from the closest ancestor. */
export function languageOfElement(element: Element): Language {
  return languageOf(element.closest("[lang]")?.getAttribute("lang"));
}
