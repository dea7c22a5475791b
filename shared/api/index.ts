/**
 * The widget API's contract (/api/*): valibot schemas and types of every request and response, the error body and
 * the token, used by the worker to validate and by the widget to parse. No Cloudflare or DOM types here.
 */
export * from "./actions";
export * from "./connection";
export * from "./dead-letters";
export * from "./errors";
export * from "./paths";
export * from "./preview";
export * from "./records";
export * from "./status";
export * from "./token";
export * from "./values";
export * from "./vocabulary";
