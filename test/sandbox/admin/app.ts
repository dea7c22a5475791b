/**
 * The demo "webshop admin": a shop's back office with the widget embedded — the dashboard, record pages with the
 * record widget, a PowerOffice view and a webshop view to edit either side, the token endpoint a shop backend
 * provides, and "Run sync now". Server-rendered HTML; everything it shows is read fresh from the simulators.
 */
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { TokenScope } from "../../../shared/api";
import { mintWidgetToken } from "../widget-token";
import type { AdminContext } from "./context";
import { type Html, page } from "./layout";
import { powerOfficePages } from "./poweroffice-pages";
import { formOf, LANG_COOKIE, pageInfo } from "./request-info";
import { shopPages } from "./shop-pages";
import { dashboardElement, widgetHead } from "./widget-embed";

export function createAdminApp(ctx: AdminContext): Hono {
  const app = new Hono();

  app.get("/", (c) => c.html(page({ ...pageInfo(c, "Dashboard"), head: widgetHead(ctx.workerUrl) }, dashboard(ctx))));
  app.route("/poweroffice", powerOfficePages(ctx));
  app.route("/shop", shopPages(ctx));

  // What a shop backend adds for the widget: it knows the signed-in admin (here: always the demo admin) and signs
  // a short-lived token with the secret it shares with the worker. The browser never sees the secret.
  app.post("/token", (c) => {
    const scope: TokenScope = c.req.query("scope") === "read" ? "read" : "write";
    const minted = mintWidgetToken(ctx.widgetTokenSecret, { scope, subject: "demo-admin" });
    c.header("Cache-Control", "no-store");
    return c.json({ token: minted.token, expires_at: minted.expiresAt });
  });

  app.post("/sync-now", async (c) => {
    const back = localPath((await formOf(c)).back);
    const run = await ctx.runSync();
    const url = new URL(back, "http://admin.local");
    for (const name of ["saved", "in", "synced"]) url.searchParams.delete(name);
    url.searchParams.set("synced", String(run.status));
    return c.redirect(`${url.pathname}${url.search}`, 303);
  });

  app.get("/lang", (c) => {
    setCookie(c, LANG_COOKIE, c.req.query("to") === "nb" ? "nb" : "en", { path: "/", sameSite: "Lax" });
    return c.redirect(localPath(c.req.query("back")), 303);
  });

  app.notFound((c) =>
    c.html(page(pageInfo(c, "Not found"), html`<h1>Not found</h1><p><a href="/">Dashboard</a></p>`), 404),
  );
  return app;
}

/** Only paths on this site are followed back (never another host: no open redirect, even in a demo). */
function localPath(value: string | undefined): string {
  return value?.startsWith("/") && !value.startsWith("//") ? value : "/";
}

function dashboard(ctx: AdminContext): Html {
  const order = ctx.shop.list("orders")[0];
  const product = ctx.shop.list("products").find((p) => p.sku === "LAMPE-LED");
  return html`<h1>Dashboard</h1>
<p class="lead">The connection between this shop and PowerOffice GO, as the <code>&lt;poweroffice-sync&gt;</code> widget
shows it. It is one <code>&lt;script type="module"&gt;</code> from the worker and one element; this page answers its
token request from its own backend (<code>POST /token</code>).</p>
<div class="widget-slot">${dashboardElement(ctx.workerUrl)}</div>
<section class="card" aria-labelledby="try-heading">
<h2 id="try-heading" style="margin-top:0">Try it</h2>
<ol class="steps">
  <li>In the <a href="/poweroffice">PowerOffice view</a>, change a customer's phone number and save. Press
  “Run sync now” (or wait for the minute's cron), then find the new number in the <a href="/shop">webshop view</a>.</li>
  <li>In the <a href="/shop">webshop view</a>, rename a product${product ? html` (say <a href="/shop/products/${product.id}">${product.name}</a>)` : ""}
  and save. The shop's webhook reaches the worker at once; the new name is in the PowerOffice view within seconds.</li>
  <li>Open a record page${order ? html` — <a href="/shop/orders/${order.id}">order ${order.order_number}</a>, for one —` : ""} to see
  its sync state in the record widget and push it to PowerOffice by hand.</li>
</ol>
</section>`;
}
