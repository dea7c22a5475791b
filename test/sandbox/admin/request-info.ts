/** What every page reads from its request: where it is, the widget language (a cookie of this site) and notices. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { FormData } from "./fields";
import type { Lang, PageInfo } from "./layout";

export const LANG_COOKIE = "demo_lang";

export function pageInfo(c: Context, title: string): PageInfo {
  const url = new URL(c.req.url);
  return { title, path: `${url.pathname}${url.search}`, lang: langOf(c), notice: noticeOf(url.searchParams) };
}

export function langOf(c: Context): Lang {
  return getCookie(c, LANG_COOKIE) === "nb" ? "nb" : "en";
}

/** Notices come back through the query after a redirect (post, redirect, get), so a reload does not post again. */
function noticeOf(query: URLSearchParams): PageInfo["notice"] {
  const saved = query.get("saved");
  const where = query.get("in");
  if (saved === "") return { kind: "ok", text: "Nothing changed, so nothing was saved." };
  if (saved && where === "poweroffice") {
    return {
      kind: "ok",
      text:
        `Saved in PowerOffice: ${saved}. PowerOffice has no webhooks, so the worker picks this up on its next ` +
        "cron run (every minute) — or press “Run sync now”.",
    };
  }
  if (saved && where === "shop") {
    return {
      kind: "ok",
      text: `Saved in the webshop: ${saved}. The shop sent a webhook; the worker writes it to PowerOffice within seconds.`,
    };
  }
  const synced = query.get("synced");
  if (synced !== null) {
    return synced === "200"
      ? { kind: "ok", text: "Sync ran: the worker read both change feeds. Queued work settles within a few seconds." }
      : {
          kind: "error",
          text: `The worker's cron did not run (answer: ${synced}). Is the worker up? See the demo's log.`,
        };
  }
  return null;
}

/** A form post as plain strings; a file field (none here) is ignored. */
export async function formOf(c: Context): Promise<FormData> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function savedQuery(changed: string[], where: "poweroffice" | "shop"): string {
  return `?${new URLSearchParams({ saved: changed.join(", "), in: where })}`;
}
