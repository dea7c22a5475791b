/** The webshop contract's schemas (docs/webshop-api.md): the kit validates with them, and the worker, the OpenAPI generator and the widget share them through shared/webshop. */
export * from "./common.js";
export * from "./customer.js";
export * from "./envelope.js";
export * from "./order.js";
export * from "./product.js";
