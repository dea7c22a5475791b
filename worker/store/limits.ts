/** Arguments both stores refuse alike (a bug in the caller, so they throw). */
import { InvalidStoreInputError } from "./link-rows";

export function checkLimit(limit: number): number {
  if (!(Number.isSafeInteger(limit) && limit > 0))
    throw new InvalidStoreInputError(`limit must be a whole number > 0, not ${limit}`);
  return limit;
}
