/** The two systems as the engine's SidePorts (worker/sync/ports.ts), over the connectors. */
export { createPowerOfficeSide } from "./poweroffice-side";
export { createWebshopSide } from "./webshop-side";
