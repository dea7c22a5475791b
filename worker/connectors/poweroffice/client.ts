/** The PowerOffice GO v2 client: one per configuration, stateless apart from its cached token. */
import { createApi } from "./api";
import { customersApi } from "./customers";
import { departmentsApi } from "./departments";
import { productsApi } from "./products";
import { type PowerOfficeDeps, resolveDeps } from "./runtime";
import { salesOrderLinesApi } from "./sales-order-lines";
import { salesOrdersApi } from "./sales-orders";

export function createPowerOfficeClient(deps: PowerOfficeDeps) {
  const api = createApi(resolveDeps(deps));
  return {
    customers: customersApi(api),
    departments: departmentsApi(api),
    products: productsApi(api),
    salesOrders: salesOrdersApi(api),
    salesOrderLines: salesOrderLinesApi(api),
  };
}

export type PowerOfficeClient = ReturnType<typeof createPowerOfficeClient>;
