/**
 * Whether the first sync has started (docs/sync-engine.md, "Preview"). Under FIRST_SYNC=preview a pair that has never
 * synced stays in preview, writing nothing to either system, until the admin starts it; FIRST_SYNC=immediate starts
 * at once. The state is the setting `first-sync` (JSON), decided once and kept: a database that has links or cursors
 * (it has synced) is `started` whatever FIRST_SYNC says, so no upgrade sends it back to preview.
 *
 *   FIRST_SYNC=immediate ─▶ started (nothing read)
 *   setting `first-sync` ─ started ─▶ started      ─ preview ─▶ preview
 *        └ none ─▶ links or cursors? ─ yes ─▶ started (kept)  └ no ─▶ preview (kept)
 */
import * as v from "valibot";
import { hasSynced } from "../store/preview-store";
import type { Deps } from "./build-deps";
import type { Config } from "./config";
import { syncOffBecause } from "./poweroffice-connection";

export const FIRST_SYNC_KEY = "first-sync";

export interface FirstSyncRecord {
  mode: "preview" | "started";
  /** When the preview had read both systems to their end and planned (null while reading). */
  readAt: string | null;
  reviewedAt: string | null;
  startedAt: string | null;
  /** The widget token's `sub` of the admin who started it. */
  startedBy: string | null;
}

const RecordSchema = v.object({
  mode: v.picklist(["preview", "started"]),
  readAt: v.optional(v.nullable(v.string()), null),
  reviewedAt: v.optional(v.nullable(v.string()), null),
  startedAt: v.optional(v.nullable(v.string()), null),
  startedBy: v.optional(v.nullable(v.string()), null),
});

export const PREVIEW_MODE: FirstSyncRecord = {
  mode: "preview",
  readAt: null,
  reviewedAt: null,
  startedAt: null,
  startedBy: null,
};

/** Started is final: once an isolate has seen it, it asks D1 no more (per configuration, i.e. per deployment). */
const startedSeen = new WeakSet<Config>();

/** The stored state, or null when there is none or it cannot be read (then it is decided again from the facts). */
export function parseFirstSync(text: string | null): FirstSyncRecord | null {
  if (text === null) return null;
  try {
    const parsed = v.safeParse(RecordSchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** The first sync's state, decided (and kept) on the first ask. */
export async function readFirstSync(deps: Pick<Deps, "store" | "db" | "sync">): Promise<FirstSyncRecord> {
  const config = deps.sync.ok ? deps.sync.config : null;
  if (config?.firstSync === "immediate") return { ...PREVIEW_MODE, mode: "started" };
  const stored = parseFirstSync(await deps.store.settings.get(FIRST_SYNC_KEY));
  if (stored) {
    if (stored.mode === "started" && config) startedSeen.add(config);
    return stored;
  }
  const decided: FirstSyncRecord = (await hasSynced(deps.db)) ? { ...PREVIEW_MODE, mode: "started" } : PREVIEW_MODE;
  await deps.store.settings.set(FIRST_SYNC_KEY, JSON.stringify(decided));
  if (decided.mode === "started" && config) startedSeen.add(config);
  return decided;
}

/**
 * Null once the sync may write (FIRST_SYNC=immediate, the admin started it, or the pair had synced before); else the
 * preview's state, while the worker writes nothing to either system.
 */
export async function previewHold(deps: Pick<Deps, "store" | "db" | "sync">): Promise<FirstSyncRecord | null> {
  if (deps.sync.ok && (deps.sync.config.firstSync === "immediate" || startedSeen.has(deps.sync.config))) return null;
  const firstSync = await readFirstSync(deps);
  return firstSync.mode === "started" ? null : firstSync;
}

export async function firstSyncStarted(deps: Pick<Deps, "store" | "db" | "sync">): Promise<boolean> {
  return (await previewHold(deps)) === null;
}

/**
 * PowerOffice is connected: through the POWEROFFICE_CLIENT_KEY secret, or from the widget (the connection's row in
 * D1; worker/wiring/poweroffice-connection.ts).
 */
export async function powerOfficeConnected(deps: Pick<Deps, "db" | "sync">): Promise<boolean> {
  return deps.sync.ok && (await syncOffBecause(deps)) === null;
}

export const FIRST_SYNC_NOT_STARTED =
  "The first sync has not started: the worker is showing its preview and writes nothing to either system until an admin chooses Start syncing in the widget.";
