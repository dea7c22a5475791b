/** The webshop contract's schemas, shared by the worker (validation), the reference webshop and the widget. */
export * from "./common";
export * from "./customer";
export * from "./envelope";
export * from "./order";
export * from "./product";
