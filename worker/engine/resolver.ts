/**
 * The core's LinkResolver over links the engine has loaded: references between dataflows (an order's customer, a
 * line's product) read as `link:<id>` once both records of that link exist, and as a dependency until then.
 */
import type { LinkResolver } from "../core/ports";
import type { DataflowId, Side } from "../core/types";
import type { HeldLink } from "./run";

export const linkRef = (id: number) => `link:${id}`;

export function parseLinkRef(ref: string): number | null {
  const m = /^(?:link:)?(\d+)$/.exec(ref);
  return m ? Number(m[1]) : null;
}

export interface LoadedResolver extends LinkResolver {
  add(link: HeldLink): void;
}

export function loadedResolver(): LoadedResolver {
  const byId = new Map<number, HeldLink>();
  const key = (dataflow: DataflowId, side: Side, id: string) => `${dataflow}/${side}/${id}`;
  const bySide = new Map<string, HeldLink>();
  const complete = (link: HeldLink) => link.ids.poweroffice !== null && link.ids.webshop !== null;
  return {
    add(link) {
      byId.set(link.id, link);
      for (const side of ["poweroffice", "webshop"] as const) {
        const id = link.ids[side];
        if (id !== null) bySide.set(key(link.dataflow, side, id), link);
      }
    },
    linkIdOf(dataflow, side, id) {
      const link = bySide.get(key(dataflow, side, id));
      return link && complete(link) ? linkRef(link.id) : null;
    },
    sideIdOf(ref, side) {
      const id = parseLinkRef(ref);
      return id === null ? null : (byId.get(id)?.ids[side] ?? null);
    },
  };
}
