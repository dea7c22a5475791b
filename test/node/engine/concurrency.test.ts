/**
 * Model-based: several syncs of ONE linked record at the same time (a push, a webhook and its redelivery, feed pages,
 * a retry, reconcile), interleaved by fast-check's scheduler at every call to either system, with edits on both sides
 * landing in between. Whatever the interleaving: once the dust settles both sides hold the same content, the newest
 * edit of each side survives (no run writes a stale value back), a record never receives the same change twice, and
 * a further cycle writes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SidePort } from "../../../worker/core/ports";
import { type Harness, setup } from "./harness";

type Action =
  | { kind: "sync"; from: "poweroffice" | "webshop" }
  | { kind: "webhook" }
  | { kind: "poll"; side: "poweroffice" | "webshop" }
  | { kind: "reconcile" }
  | { kind: "po-edit" }
  | { kind: "shop-edit" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("sync" as const), from: fc.constantFrom("poweroffice" as const, "webshop" as const) }),
  fc.constant({ kind: "webhook" as const }),
  fc.record({ kind: fc.constant("poll" as const), side: fc.constantFrom("poweroffice" as const, "webshop" as const) }),
  fc.constant({ kind: "reconcile" as const }),
  fc.constant({ kind: "po-edit" as const }),
  fc.constant({ kind: "shop-edit" as const }),
);

/**
 * Every call to a side waits for the scheduler (while `on()`), so runs interleave at each request; each write is
 * the system took is logged as the side, the call and what it asked the record to become.
 */
function scheduled(s: fc.Scheduler, on: () => boolean, writes: string[]) {
  return (side: SidePort): SidePort => {
    const wrapped = { ...side } as Record<string, unknown>;
    for (const name of ["feedPage", "get", "findByMatchKey", "create", "update", "archive"] as const) {
      const call = (side[name] as (...args: unknown[]) => Promise<unknown>).bind(side);
      wrapped[name] = async (...args: unknown[]) => {
        if (on()) await s.schedule(Promise.resolve(), `${side.side}.${name}`);
        const result = (await call(...args)) as { ok: boolean };
        // A write the system refused (412: the record changed under it) is sent again after a re-plan; not a repeat.
        if (result.ok && name === "update") writes.push(`${side.side} update ${JSON.stringify(args[2])}`);
        if (result.ok && (name === "create" || name === "archive"))
          writes.push(`${side.side} ${name} ${JSON.stringify(args[1])}`);
        return result;
      };
    }
    return wrapped as unknown as SidePort;
  };
}

/** The content the model compares, read straight from each system. */
function content(h: Harness) {
  const po = h.po.list("customers")[0]!;
  const shop = h.shop.list("customers")[0]!;
  return {
    po: { phone: po.PhoneNumber ?? null, website: po.WebsiteUrl ?? null, name: po.Name },
    shop: { phone: shop.phone, website: shop.website, name: shop.name },
  };
}

describe("model: concurrent syncs of one record, edits on both sides in between", () => {
  it("converges, loses no update and repeats no write, whatever the interleaving", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(action, { minLength: 2, maxLength: 7 }), async (s, actions) => {
        let scheduling = false;
        const sent: string[] = [];
        const h = setup({ wrapSide: scheduled(s, () => scheduling, sent) });
        const po = h.po.seed.customer({ Name: "Alfa AS", OrganizationNumber: "911111111", PhoneNumber: "+47 0" });
        const shop = h.shop.seed.customer({ kind: "company", name: "Alfa AS", organization_number: "911111111" });
        await h.cycle();
        await h.cycle();
        const start = content(h);
        expect(start.po).toEqual(start.shop);
        const sentBefore = sent.length;

        let edits = 0;
        let lastPhone: string | null = null;
        let lastWebsite: string | null = null;
        scheduling = true;
        const tasks = actions.map((a) =>
          s.schedule(Promise.resolve(), a.kind).then(async () => {
            h.clock.advance(1_000);
            switch (a.kind) {
              case "po-edit":
                lastPhone = `+47 ${++edits}`;
                h.po.edit("customers", po.Id, { PhoneNumber: lastPhone });
                return;
              case "shop-edit":
                lastWebsite = `https://e${++edits}.no`;
                h.shop.edit("customers", shop.id, { website: lastWebsite });
                return;
              case "sync":
                await h.engine.syncOne("customers", a.from, a.from === "poweroffice" ? String(po.Id) : shop.id);
                return;
              case "webhook":
                await h.engine.syncWebshopRecord("customers", shop.id);
                return;
              case "poll":
                await h.engine.pollPage("customers", a.side);
                return;
              case "reconcile":
                await h.engine.reconcile("customers", null, 10);
                return;
            }
          }),
        );
        await s.waitFor(Promise.all(tasks));
        scheduling = false;

        for (let i = 0; i < 3; i++) {
          h.clock.advance(3_600_000);
          await h.cycle();
        }
        const end = content(h);
        // Converged.
        expect(end.po).toEqual(end.shop);
        // No lost update: each side's newest edit is what both sides hold.
        if (lastPhone !== null) expect(end.po.phone).toBe(lastPhone);
        if (lastWebsite !== null) expect(end.po.website).toBe(lastWebsite);
        // No write repeated: no record is asked twice to become the same thing.
        const writes = sent.slice(sentBefore);
        expect(new Set(writes).size, `writes sent:\n${writes.join("\n")}`).toBe(writes.length);
        // And once settled, a further cycle writes nothing.
        const settled = h.writes();
        h.clock.advance(3_600_000);
        await h.cycle();
        expect(h.writes()).toEqual(settled);
      }),
      { numRuns: 150, verbose: 1 },
    );
  }, 120_000);
});
