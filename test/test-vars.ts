/** The configuration every worker test runs with (vitest.config.ts passes it as bindings). */
// Test configuration: the base URLs name hosts that only the in-process simulators answer (see test/workerd/sim-fetch.ts).
export const TEST_VARS = {
  POWEROFFICE_BASE_URL: "https://poweroffice.sim/v2",
  POWEROFFICE_TOKEN_URL: "https://poweroffice.sim/OAuth/Token",
  POWEROFFICE_APPLICATION_KEY: "test-application-key",
  POWEROFFICE_CLIENT_KEY: "test-client-key",
  POWEROFFICE_SUBSCRIPTION_KEY: "test-subscription-key",
  WEBSHOP_BASE_URL: "https://webshop.sim/api",
  WEBSHOP_API_TOKEN: "test-webshop-token",
  WEBSHOP_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  WIDGET_TOKEN_SECRET: "test-widget-secret-0123456789abcdef0123456789",
  // 32 bytes, base64: seals the client key a widget connection stores in D1.
  CREDENTIALS_KEY: "dGVzdC1jcmVkZW50aWFscy1rZXktMzItYnl0ZXMtISE=",
  ADMIN_ORIGINS: "https://admin.shop.test",
  // The suites test the sync itself: they start it at once, as before the preview existed (preview tests set "preview").
  FIRST_SYNC: "immediate",
};
