/**
 * Where the demo's pieces listen and the values the worker runs with. One base port places everything, so a test can
 * run a second demo beside a person's `npm start` without a clash.
 */

export const DEFAULT_PORT_BASE = 8787;

export interface DemoPorts {
  worker: number;
  admin: number;
  poweroffice: number;
  webshop: number;
  /** wrangler's devtools port: two `wrangler dev` on one machine must not share it. */
  inspector: number;
}

/** base 8787 gives 8787 (worker), 8790 (admin), 8791 (PowerOffice), 8792 (webshop), 8793 (inspector). */
export function demoPorts(base = DEFAULT_PORT_BASE): DemoPorts {
  return { worker: base, admin: base + 3, poweroffice: base + 4, webshop: base + 5, inspector: base + 6 };
}

export const local = (port: number) => `http://127.0.0.1:${port}`;

/** Demo-only values: they unlock nothing outside this machine. */
export function demoVars(ports: DemoPorts) {
  return {
    POWEROFFICE_BASE_URL: `${local(ports.poweroffice)}/v2`,
    POWEROFFICE_TOKEN_URL: `${local(ports.poweroffice)}/OAuth/Token`,
    POWEROFFICE_APPLICATION_KEY: "test-application-key",
    POWEROFFICE_CLIENT_KEY: "test-client-key",
    POWEROFFICE_SUBSCRIPTION_KEY: "test-subscription-key",
    WEBSHOP_BASE_URL: `${local(ports.webshop)}/api`,
    WEBSHOP_API_TOKEN: "demo-webshop-token",
    WEBSHOP_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    WIDGET_TOKEN_SECRET: "demo-widget-secret-0123456789abcdef0123",
    // The demo admin site is the one origin whose pages may call the widget API.
    ADMIN_ORIGINS: local(ports.admin),
    // The demo shows a synced shop at once; the preview before the first sync is not part of it.
    FIRST_SYNC: "immediate",
  };
}

/**
 * `npm start -- --fresh`: no PowerOffice client key (the admin connects PowerOffice from the widget, and the key is
 * sealed in D1 with CREDENTIALS_KEY) and the preview before the first sync (FIRST_SYNC=preview).
 */
export function freshDemoVars(ports: DemoPorts) {
  const { POWEROFFICE_CLIENT_KEY: _fromTheWidget, ...vars } = demoVars(ports);
  return { ...vars, FIRST_SYNC: "preview", CREDENTIALS_KEY: "Tgpjf4/rsy7BckoDbK71Cqc6VDD0T2DnnRngjYi92kQ=" };
}

export type DemoVars = ReturnType<typeof demoVars> | ReturnType<typeof freshDemoVars>;
