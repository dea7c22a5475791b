/**
 * The one contract every webshop-kit storage adapter keeps (webshop-kit/src/adapter.ts), run against the memory
 * adapter and PostgreSQL in node and against D1 inside workerd. `makeAdapter` answers an empty adapter per test.
 */
import { describe } from "vitest";
import { clockContract } from "./adapter-contract-clock";
import { feedContract } from "./adapter-contract-feed";
import { idempotencyContract } from "./adapter-contract-idempotency";
import { outboxContract } from "./adapter-contract-outbox";
import { writesContract } from "./adapter-contract-writes";
import type { MakeAdapter } from "./adapter-fixtures";

export type { MakeAdapter } from "./adapter-fixtures";

export function describeAdapterContract(name: string, makeAdapter: MakeAdapter): void {
  describe(`Webshop kit adapter contract: ${name}`, () => {
    writesContract(makeAdapter);
    feedContract(makeAdapter);
    clockContract(makeAdapter);
    outboxContract(makeAdapter);
    idempotencyContract(makeAdapter);
  });
}
