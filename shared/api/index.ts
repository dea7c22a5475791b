/**
 * The widget API's contract (/api/*): valibot schemas and types of every request and response, the error body and
 * the token, used by the worker to validate and by the widget to parse. No Cloudflare or DOM types here.
 *
 * Not re-exported here, so /widget.js never carries them: the schemas of the routes used before go-live
 * (`./connection`, `./preview`, `./go-live`), which only the lazily loaded go-live views read. Import them by their
 * own path.
 */
export * from "./actions";
export * from "./dead-letters";
export * from "./errors";
export * from "./paths";
export * from "./records";
export * from "./status";
export * from "./token";
export * from "./values";
export * from "./vocabulary";
