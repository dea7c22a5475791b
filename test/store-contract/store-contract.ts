/**
 * The one contract every `Store` keeps (worker/core/ports.ts), run against the in-memory twin in node and against
 * D1 inside workerd. `makeStore` must answer an empty store for each test.
 */
import { describe } from "vitest";
import { activityRetentionContract } from "./activity-retention-contract";
import { commitContract } from "./commit-contract";
import { cursorSkipContract } from "./cursor-skip-contract";
import { fencingContract } from "./fencing-contract";
import { firstReadContract } from "./first-read-contract";
import { type MakeStore, setupWith } from "./fixtures";
import { leasesContract } from "./leases-contract";
import { linksContract } from "./links-contract";
import { queriesContract } from "./queries-contract";
import { settingsActivityContract } from "./settings-activity-contract";

export type { MakeStore } from "./fixtures";

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  const setup = setupWith(makeStore);
  describe(`Store contract: ${name}`, () => {
    linksContract(setup);
    commitContract(setup);
    cursorSkipContract(setup);
    fencingContract(setup);
    queriesContract(setup);
    leasesContract(setup);
    settingsActivityContract(setup);
    activityRetentionContract(setup);
    firstReadContract(setup);
  });
}
