/** The kit's entry point: the whole contract under `basePath`, from the adapter. */
import type { WebshopApi, WebshopApiOptions } from "./options.js";

export function createWebshopApi(options: WebshopApiOptions): WebshopApi {
  void options;
  throw new Error("createWebshopApi: not implemented yet");
}
