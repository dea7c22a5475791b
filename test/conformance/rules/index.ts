/** Every rule of the webshop contract the kit checks, in the order it runs them. */
import type { Rule } from "../types";
import { authRules } from "./auth";
import { deleteRules } from "./deletes";
import { feedRules } from "./feed";
import { feedResumeRules } from "./feed-resume";
import { idempotencyRules } from "./idempotency";
import { lookupRules } from "./lookups";
import { orderRules } from "./orders";
import { patchRules } from "./patches";
import { readRules } from "./reads";
import { recordRules } from "./records";
import { strictnessRules } from "./strictness";

export const RULES: readonly Rule[] = [
  ...authRules,
  ...strictnessRules,
  ...readRules,
  ...idempotencyRules,
  ...patchRules,
  ...feedRules,
  ...feedResumeRules,
  ...lookupRules,
  ...recordRules,
  ...orderRules,
  ...deleteRules,
];
