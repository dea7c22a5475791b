export * from "../../webshop-kit/src/contract/order.js";
