/**
 * Removes the records the kit made: orders first (they point at customers and products), by DELETE; a record the
 * shop will not delete is archived instead (active=false, orders status cancelled), as the worker itself archives.
 */
import type { Resource } from "../../shared/webshop";
import { describe } from "./checks";
import type { ShopClient } from "./client";
import type { CleanupReport } from "./types";

const ORDER: Resource[] = ["orders", "customers", "products"];
const ARCHIVE: Record<Resource, Record<string, unknown>> = {
  orders: { status: "cancelled" },
  customers: { active: false },
  products: { active: false },
};

export async function cleanUp(shop: ShopClient, created: Record<Resource, Set<string>>): Promise<CleanupReport> {
  let deleted = 0;
  let archived = 0;
  let why = "";
  const left: { resource: Resource; id: string; why: string }[] = [];
  for (const resource of ORDER) {
    for (const id of created[resource]) {
      try {
        const reply = await shop.delete(resource, id);
        // 404: already gone (the delete rule removed it, or the shop cascades).
        if (reply.status === 204 || reply.status === 404) {
          deleted++;
          continue;
        }
        why ||= `DELETE answered ${describe(reply)}`;
        const patched = await shop.patch(resource, id, ARCHIVE[resource]);
        if (patched.status === 200) archived++;
        else left.push({ resource, id, why: `archiving answered ${describe(patched)}` });
      } catch (error) {
        left.push({ resource, id, why: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  if (left.length) return { kind: "incomplete", deleted, archived, left };
  if (archived) return { kind: "archived", count: archived, deleted, why };
  return { kind: "deleted", count: deleted };
}
