/**
 * Contract §3, PATCH: a JSON merge patch (RFC 7396): only the named fields change, null clears, external_ids merges
 * key by key; version +1 on a change and not on a no-op; a stale If-Match is 412 with details.current.
 */
import { check, expectError, expectRecord, show } from "../checks";
import type { Rule } from "../types";
import { sortKeys } from "./reads";

/** The fields of `after` that differ from `before`, meta fields aside. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !["version", "updated_at"].includes(key))
    .filter((key) => JSON.stringify(sortKeys(before[key])) !== JSON.stringify(sortKeys(after[key])))
    .sort();
}

export const patchRules: Rule[] = [
  {
    id: "patch.merge",
    title: "A merge patch changes only the fields it names, null clears a field, external_ids merges key by key",
    async run({ shop, fixtures, unique }) {
      const poCustomer = unique("po");
      const customer = await fixtures.company({
        phone: "+47 55 12 34 56",
        website: "https://fjordbygg.no",
        invoice_email: "faktura@example.com",
        external_ids: { poweroffice_customer: poCustomer },
      });
      const poDepartment = unique("po");
      const patch = { phone: "+47 55 98 76 54", website: null, external_ids: { poweroffice_department: poDepartment } };
      const after = expectRecord(await shop.patch("customers", customer.id, patch), 200, "PATCH /customers/{id}");
      const changed = changedFields(customer, after);
      check(
        changed.join() === "external_ids,phone,website",
        "only phone, website and external_ids to change",
        `changed: ${changed.join(", ") || "nothing"}`,
      );
      check(after.phone === patch.phone && after.website === null, "phone set and website cleared (null)", show(after));
      const merged = { poweroffice_customer: poCustomer, poweroffice_department: poDepartment };
      check(
        JSON.stringify(sortKeys(after.external_ids)) === JSON.stringify(merged),
        `external_ids merged to ${show(merged)}`,
        show(after.external_ids),
      );
      const removed = await shop.patch("customers", customer.id, { external_ids: { poweroffice_department: null } });
      const last = expectRecord(removed, 200, "PATCH external_ids {poweroffice_department: null}");
      check(
        JSON.stringify(last.external_ids) === JSON.stringify({ poweroffice_customer: poCustomer }),
        "a null value in external_ids to remove that key only",
        show(last.external_ids),
      );
      return "only the named fields changed; null cleared website; external_ids merged, and null removed a key";
    },
  },
  {
    id: "patch.version",
    title: "version goes up by one and updated_at moves on a change; a no-op patch keeps both or counts as a change",
    async run({ shop, fixtures }) {
      const product = await fixtures.product();
      const changed = expectRecord(await shop.patch("products", product.id, { price: "209.00" }), 200, "PATCH price");
      check(
        changed.version === product.version + 1,
        `version ${product.version + 1} after a change`,
        `${changed.version}`,
      );
      check(
        Date.parse(String(changed.updated_at)) > Date.parse(product.updated_at),
        `updated_at later than ${product.updated_at}`,
        String(changed.updated_at),
      );
      // The contract counts versions per change and is silent on a patch that changes nothing: a shop may keep
      // version and updated_at (as the project recommends) or count it as a change, +1 with a later updated_at.
      let last = changed;
      let counted = 0;
      for (const noop of [{ price: "209.00" }, {}]) {
        const same = expectRecord(
          await shop.patch("products", product.id, noop),
          200,
          `PATCH ${show(noop)} (no change)`,
        );
        const kept = same.version === last.version && same.updated_at === last.updated_at;
        const asChange =
          same.version === Number(last.version) + 1 &&
          Date.parse(String(same.updated_at)) > Date.parse(String(last.updated_at));
        check(
          kept || asChange,
          `after PATCH ${show(noop)}: version ${last.version} and updated_at ${last.updated_at} kept, or (counted as a change) version ${Number(last.version) + 1} with a later updated_at`,
          `version ${same.version}, updated_at ${same.updated_at}`,
        );
        if (asChange) counted += 1;
        last = same;
      }
      const noops =
        counted === 0
          ? "kept on a repeated value and on {}"
          : `a no-op PATCH counted as a change ${counted} time(s) (+1 each; the contract allows it, the project recommends keeping the version)`;
      return `version ${product.version} → ${changed.version} on a change; ${noops}`;
    },
  },
  {
    id: "patch.if-match",
    title: "If-Match with the current version applies; a stale one is 412 with the current record in details.current",
    async run({ shop, fixtures }) {
      const product = await fixtures.product();
      const renamed = await shop.patch("products", product.id, { name: `${product.name} (ny)` }, product.version);
      const current = expectRecord(renamed, 200, `PATCH with If-Match ${product.version} (current)`);
      const stale = await shop.patch("products", product.id, { price: "1.00" }, product.version);
      const error = expectError(stale, 412, `PATCH with If-Match ${product.version} (stale; now ${current.version})`);
      check(
        JSON.stringify(sortKeys(error.error.details?.current)) === JSON.stringify(sortKeys(current)),
        `error.details.current to be the product as it is now (version ${current.version})`,
        show(error.error.details),
      );
      const reread = expectRecord(await shop.byId("products", product.id), 200, "GET the product");
      check(
        reread.price === product.price && reread.version === current.version,
        "the stale PATCH to change nothing",
        show(reread),
      );
      return `If-Match ${product.version} applied once; repeated (stale) it answered 412 with version ${current.version}`;
    },
  },
];
