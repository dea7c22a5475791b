import { createMemoryStore } from "../../../worker/store/memory-store";
import { describeStoreContract } from "../../store-contract/store-contract";

describeStoreContract("in memory", async (clock, options) => createMemoryStore({ ...options, clock }));
