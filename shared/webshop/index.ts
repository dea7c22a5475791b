/** The webshop contract's schemas, defined once in the webshop kit (webshop-kit/src/contract) and shared by the worker, the OpenAPI generator and the widget. */
export * from "../../webshop-kit/src/contract/index.js";
