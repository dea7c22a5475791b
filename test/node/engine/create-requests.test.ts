/**
 * The store requests a first sync's create costs: a record held for the first read gets its link with its page's
 * commit (all of a page's in one batch), and its create later claims the link in the same batch that writes it
 * pending with the create's reference, so one request goes before the create, not two.
 */
import { describe, expect, it } from "vitest";
import type { Store } from "../../../worker/core/ports";
import { setup } from "./harness";

function counting(calls: string[]) {
  return (store: Store): Store => ({
    ...store,
    commit: (commit) => {
      const parts = [
        commit.claim ? "claim" : null,
        commit.links.some((l) => l.reference) ? "pending" : null,
        commit.holdLinks?.length ? `holds ${commit.holdLinks.length}` : null,
      ].filter(Boolean);
      calls.push(`commit ${parts.join("+")}`.trim());
      return store.commit(commit);
    },
    links: {
      ...store.links,
      insertPending: (link, claim) => {
        calls.push("insertPending");
        return store.links.insertPending(link, claim);
      },
      claim: (...args) => {
        calls.push("claim");
        return store.links.claim(...args);
      },
    },
  });
}

describe("store requests of a first sync's creates", () => {
  it("three held products: their links in one commit, then each create behind one request that claims it pending", async () => {
    const calls: string[] = [];
    const h = setup({ wrapStore: counting(calls) });
    for (let i = 0; i < 3; i++) h.po.seed.product({ Code: `HOLD-${i}`, Name: `Vare ${i}`, UnitPrice: 10 });
    // The first read of PowerOffice's products: each is held for the shop's first read, written with the page.
    await h.engine.pollPage("products", "poweroffice");
    expect(calls).toEqual(["commit holds 3"]);
    expect((await h.store.links.list({ dataflow: "products", limit: 10 })).map((l) => l.state)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);

    calls.length = 0;
    await h.cycle();
    expect(h.shop.count("products")).toBe(3);
    // Per create: one commit that claims the held link and writes it pending with the reference; no claim or insert
    // of its own.
    expect(calls.filter((c) => c === "commit claim+pending")).toHaveLength(3);
    expect(calls.filter((c) => c === "claim" || c === "insertPending")).toEqual([]);
    const links = await h.store.links.list({ dataflow: "products", limit: 10 });
    expect(links.map((l) => [l.state, l.reference !== null])).toEqual([
      ["linked", true],
      ["linked", true],
      ["linked", true],
    ]);
  });
});
