export * from "../../webshop-kit/src/contract/common.js";
