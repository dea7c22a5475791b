/**
 * PowerOffice's connection (docs/widget.md, "Connecting PowerOffice"): GET /api/connection, the start of PowerOffice's
 * onboarding from the widget, the outcome it comes back with, and disconnecting.
 */
import * as v from "valibot";
import { ApiTimestamp } from "./vocabulary";

export const PRIVILEGE_AREAS = ["customers", "products", "sales-orders", "departments", "other"] as const;
export type PrivilegeArea = (typeof PRIVILEGE_AREAS)[number];

export const MissingPrivilegeSchema = v.object({
  privilege: v.string(),
  area: v.picklist(PRIVILEGE_AREAS),
  whatToDo: v.string(),
});
export type MissingPrivilege = v.InferOutput<typeof MissingPrivilegeSchema>;

export const ConnectionResponseSchema = v.object({
  poweroffice: v.object({
    state: v.picklist(["not-connected", "connected"]),
    via: v.nullable(v.picklist(["onboarding", "secret"])),
    clientName: v.nullable(v.string()),
    organizationNumber: v.nullable(v.string()),
    environment: v.picklist(["demo", "production"]),
    connectedAt: v.nullable(ApiTimestamp),
    connectedBy: v.nullable(v.string()),
    /** null: not checked yet. */
    missingPrivileges: v.nullable(v.array(MissingPrivilegeSchema)),
    lastProblem: v.nullable(v.object({ code: v.string(), message: v.string() })),
  }),
  canConnect: v.boolean(),
  whyNot: v.nullable(v.string()),
  callbackUrl: v.string(),
});
export type ConnectionResponse = v.InferOutput<typeof ConnectionResponseSchema>;

/** POST /api/connection/poweroffice/start. The organisation number may be written with spaces (912 345 678). */
export const ConnectStartRequestSchema = v.object({
  organizationNumber: v.pipe(
    v.string("organizationNumber must be text: the client's 9-digit organisation number"),
    v.transform((s) => s.replace(/\s+/g, "")),
    v.regex(/^\d{9}$/, "organizationNumber must be the 9 digits of the client's organisation number, like 912345678"),
  ),
  returnUrl: v.pipe(
    v.string("returnUrl must be text: the address of the shop admin page to come back to"),
    v.url("returnUrl must be a full address (https://…) of the shop admin page to come back to"),
  ),
});
export type ConnectStartRequest = v.InferInput<typeof ConnectStartRequestSchema>;

export const ConnectStartResponseSchema = v.object({ redirectUrl: v.pipe(v.string(), v.url()) });
export type ConnectStartResponse = v.InferOutput<typeof ConnectStartResponseSchema>;

export { CONNECT_OUTCOME_PARAM, CONNECT_OUTCOMES, type ConnectOutcome } from "./connect-outcome";
