/** A failing record is retried with growing delays, then dead-lettered with its reason, and can be replayed. */
import { describe, expect, it } from "vitest";
import { BACKOFF_MS, DEFAULT_MAX_ATTEMPTS } from "../../../worker/engine/limits";
import { setup } from "./harness";

describe("retries", () => {
  it("backs off 1 min, 5 min, 30 min, 2 h, 12 h, then dead-letters; a replay after the fix links it", async () => {
    const h = setup();
    await h.firstRead("customers");
    const shop = h.shop.seed.customer({ kind: "company", name: "Granly AS", organization_number: "987654321" });
    // PowerOffice refuses the customer until the admin fixes something there.
    h.po.faults.add({ method: "POST", path: "/Customers", kind: "status", status: 400, times: 100 });
    const first = await h.engine.syncWebshopRecord("customers", shop.id);
    expect(first.state).toBe("error");
    expect(first.message).toMatch(/PowerOffice refused the customer/);
    const id = first.linkId!;
    const waits: number[] = [];
    for (let attempt = 1; attempt < DEFAULT_MAX_ATTEMPTS; attempt++) {
      const link = (await h.store.links.get(id))!;
      expect(link.attempts).toBe(attempt);
      const wait = Date.parse(link.nextRetryAt!) - h.clock.now();
      waits.push(wait);
      // Not due a moment early…
      h.clock.advance(wait - 1_000);
      expect(await h.engine.retryDue(10)).toBe(0);
      // …and tried once due.
      h.clock.advance(1_000);
      expect(await h.engine.retryDue(10)).toBe(1);
    }
    expect(waits).toEqual([60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000]);
    const dead = (await h.store.links.get(id))!;
    expect(dead).toMatchObject({ state: "error", attempts: DEFAULT_MAX_ATTEMPTS, nextRetryAt: null });
    const activity = await h.store.activity.recent(50, { linkId: id });
    expect(activity.filter((a) => a.action === "dead-lettered")).toHaveLength(1);
    h.clock.advance(48 * 3_600_000);
    expect(await h.engine.retryDue(10)).toBe(0);

    h.po.faults.clear();
    const replayed = await h.engine.replayDeadLetter(id);
    expect(replayed).toMatchObject({ linkId: id, state: "linked", message: null });
    expect(h.po.count("customers")).toBe(1);
  });

  it("one failing record does not hold up the feed: the others are synced and the cursor moves on", async () => {
    const h = setup();
    h.po.seed.product({ Code: "A", Name: "A", UnitPrice: 1 });
    h.po.seed.product({ Code: "B", Name: "B", UnitPrice: 1 });
    h.po.seed.product({ Code: "C", Name: "C", UnitPrice: 1 });
    h.shop.faults.add({ method: "POST", path: "/products", kind: "status", status: 422, times: 1 });
    // Both products feeds are read once first: before that, no PowerOffice product is created in the shop.
    await h.firstRead("products");
    const page = await h.engine.pollPage("products", "poweroffice");
    expect(page).toMatchObject({ processed: 3, failed: 1, done: true });
    expect(h.shop.count("products")).toBe(2);
    const again = await h.engine.pollPage("products", "poweroffice");
    expect(again.processed).toBe(0);
    h.clock.advance(BACKOFF_MS[0]);
    await h.engine.retryDue(10);
    expect(h.shop.count("products")).toBe(3);
  });

  it("a run stops at maxWritesPerRun without moving the cursor past what it did not do", async () => {
    const h = setup({ limits: { maxWritesPerRun: 2 } });
    for (const code of ["A", "B", "C", "D", "E"]) h.po.seed.product({ Code: code, Name: code, UnitPrice: 1 });
    await h.firstRead("products");
    const first = await h.engine.pollPage("products", "poweroffice");
    expect(first).toMatchObject({ written: 2, done: false });
    expect(h.shop.count("products")).toBe(2);
    for (let i = 0; i < 5; i++) await h.engine.pollPage("products", "poweroffice");
    expect(h.shop.count("products")).toBe(5);
    const links = await h.store.links.list({ dataflow: "products", limit: 10 });
    expect(links.map((l) => l.state)).toEqual(["linked", "linked", "linked", "linked", "linked"]);
  });
});
