/** Small facts about links the engine's steps share: settled, unlinked by the admin, merged away, unchanged. */
import type { LinkWrite } from "../core/ports";
import type { Link, LinkError, Side } from "../core/types";
import type { HeldLink } from "./run";

/** An admin separated these records: neither is matched, created or synced again until linked by hand. */
export const UNLINKED = "unlinked";
/** A one-sided link whose record was joined to another link: kept for the log, holding a tombstone id. */
export const MERGED = "merged";

export const SIDE_NAME: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "the webshop" };

/** Synced before and at rest: an unchanged record needs nothing. */
export function settled(link: LinkWrite | null): boolean {
  return (
    link !== null &&
    (link.state === "linked" || link.state === "archived") &&
    link.ids.poweroffice !== null &&
    link.ids.webshop !== null &&
    link.snapshots.poweroffice !== null &&
    link.snapshots.webshop !== null
  );
}

/** Both records exist and have been synced at least once (a rewrite of it counts for the brake). */
export const hadSync = (link: LinkWrite | null) =>
  link !== null && link.snapshots.poweroffice !== null && link.snapshots.webshop !== null;

export const isUnlinked = (link: LinkWrite | null) => link?.lastError?.code === UNLINKED && link.state === "skipped";

export const bothIds = (link: LinkWrite | null) =>
  link !== null && link.ids.poweroffice !== null && link.ids.webshop !== null;

/** The link as the planner takes it. */
export function asLink(link: HeldLink): Link {
  const { id, ...rest } = link;
  return { ...rest, id, updatedAt: (link as Partial<Link>).updatedAt ?? "" };
}

/** The link without what only the store sets, for a write. */
export function asWrite(link: HeldLink): HeldLink {
  const { updatedAt: _updatedAt, ...write } = link as HeldLink & { updatedAt?: string };
  return write;
}

export function linkError(code: string, message: string, side: Side | null = null): LinkError {
  return { code, message, side };
}

/** The same write twice: nothing to commit (a quiet system makes no writes at all, not even to D1). */
export function sameLink(a: LinkWrite, b: LinkWrite): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

function comparable(link: LinkWrite) {
  const { updatedAt: _u, ...rest } = link as LinkWrite & { updatedAt?: string };
  return sortKeys(rest);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
