/** The sync engine's storage: `Store` (worker/sync/ports.ts) on D1, and its in-memory twin for plain-node tests. */
export { createD1Store } from "./d1-store";
export { createMemoryStore } from "./memory-store";
