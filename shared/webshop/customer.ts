export * from "../../webshop-kit/src/contract/customer.js";
