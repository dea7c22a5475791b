export * from "../../webshop-kit/src/contract/product.js";
