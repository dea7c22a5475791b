/** The PowerOffice GO v2 client: one per configuration, stateless apart from its cached token. */
import { createApi } from "./api";
import { customersApi } from "./customers";
import { departmentsApi } from "./departments";
import { onboardingApi } from "./onboarding";
import { productsApi } from "./products";
import { type PowerOfficeDeps, resolveDeps } from "./runtime";
import { salesOrderLinesApi } from "./sales-order-lines";
import { salesOrdersApi } from "./sales-orders";

export function createPowerOfficeClient(deps: PowerOfficeDeps) {
  const rt = resolveDeps(deps);
  const api = createApi(rt);
  return {
    onboarding: onboardingApi(rt, api),
    customers: customersApi(api),
    departments: departmentsApi(api),
    products: productsApi(api),
    salesOrders: salesOrdersApi(api),
    salesOrderLines: salesOrderLinesApi(api),
  };
}

export type PowerOfficeClient = ReturnType<typeof createPowerOfficeClient>;
