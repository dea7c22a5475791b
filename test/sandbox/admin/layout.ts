/** The page shell of the demo admin: navigation, "Run sync now", the language switch and one-line notices. */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { ADMIN_CSS } from "./styles";

export type Lang = "en" | "nb";
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageInfo {
  title: string;
  /** The current path (with query), where "Run sync now" and the language switch come back to. */
  path: string;
  lang: Lang;
  notice?: { kind: "ok" | "error"; text: string } | null;
  /** Extra head content: the widget's script tag on pages that embed it. */
  head?: Html;
}

const NAV = [
  ["/", "Dashboard"],
  ["/shop", "Webshop view"],
  ["/poweroffice", "PowerOffice view"],
] as const;

function current(path: string, href: string): boolean {
  const bare = path.split("?")[0] ?? "/";
  return href === "/" ? bare === "/" : bare === href || bare.startsWith(`${href}/`);
}

export function page(info: PageInfo, body: Html): Html {
  const other = info.lang === "nb" ? { to: "en", label: "English" } : { to: "nb", label: "Norsk (bokmål)" };
  return html`<!doctype html>
<html lang="${info.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${info.title} · Demo webshop admin</title>
<style>${raw(ADMIN_CSS)}</style>
${info.head ?? ""}
</head>
<body>
<header><div class="bar">
  <span class="brand">Interiørbutikken · admin</span>
  <nav aria-label="Main">
    ${NAV.map(([href, label]) => html`<a href="${href}"${current(info.path, href) ? raw(' aria-current="page"') : ""}>${label}</a>`)}
  </nav>
  <form method="post" action="/sync-now">
    <input type="hidden" name="back" value="${info.path}">
    <button type="submit" title="Fire the worker's cron now instead of waiting for the next minute">Run sync now</button>
  </form>
  <span class="lang">Widget language: <a href="/lang?to=${other.to}&amp;back=${encodeURIComponent(info.path)}">${other.label}</a></span>
</div></header>
<main>
${info.notice ? html`<div class="notice ${info.notice.kind}" role="${info.notice.kind === "error" ? "alert" : "status"}">${info.notice.text}</div>` : ""}
${body}
</main>
</body>
</html>`;
}

/** 2026-11-26T12:00:00.1234567+00:00 → 26.11.2026 12:00:00 (UTC), short enough for a table. */
export function when(timestamp: string | null | undefined): string {
  if (!timestamp) return "–";
  const date = new Date(timestamp.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(date.getTime())) return timestamp;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(date.getUTCDate())}.${p(date.getUTCMonth() + 1)}.${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

/** 3490 or "3490.00" → "3 490,00" (Norwegian grouping and decimal comma). */
export function nok(amount: number | string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "–";
  const n = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const [whole, cents] = Math.abs(n).toFixed(2).split(".") as [string, string];
  return `${n < 0 ? "−" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0")},${cents}`;
}
