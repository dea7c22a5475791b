/** The webshop kit's memory adapter keeps the adapter contract. */
import { memoryAdapter } from "../../../webshop-kit/src/adapters/memory/index";
import { describeAdapterContract } from "../../webshop-kit/adapter-contract";

describeAdapterContract("memory", async () => memoryAdapter());
