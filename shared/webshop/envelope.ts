export * from "../../webshop-kit/src/contract/envelope.js";
