/**
 * The preview's plan in steps (docs/sync-engine.md, "Preview"): with a chunk of a few records, planning takes several
 * cron runs, none plans more than the chunk, and the plan is the one a single step makes: the same items, in the same
 * order. A link by hand plans its dataflow again in steps too.
 */
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import {
  type PreviewItem,
  PreviewItemSchema,
  type PreviewItemsResponse,
  PreviewItemsResponseSchema,
  type PreviewResponse,
  PreviewResponseSchema,
} from "../../../../shared/api/preview";
import { buildDeps } from "../../../../worker/wiring/build-deps";
import { readFirstSync } from "../../../../worker/wiring/first-sync";
import { planInSteps } from "../../../../worker/wiring/preview-plan-steps";
import { simFetch } from "../../sim-fetch";
import { type ApiWorld, createApiWorld } from "./api-world";

const CHUNK = 5;

/** Matches, creates both ways, a key three PowerOffice customers share, a shop duplicate, archived records. */
function seed(world: ApiWorld) {
  const po = world.poweroffice.seed;
  const shop = world.shop.seed;
  for (let i = 0; i < 10; i++) {
    po.customer({ IsPerson: true, FirstName: `Po${i}`, LastName: "Kunde", EmailAddress: `k${i}@example.no` });
  }
  for (let i = 6; i < 14; i++) {
    shop.customer({ kind: "person", first_name: `Shop${i}`, last_name: "Kunde", email: `k${i}@example.no` });
  }
  shop.customer({ kind: "person", first_name: "Dobbel", last_name: "Kunde", email: "k7@example.no" });
  for (const name of ["En", "To", "Tre"]) {
    po.customer({ IsPerson: true, FirstName: name, LastName: "Delt", EmailAddress: "delt@example.no" });
  }
  po.customer({ IsPerson: true, FirstName: "Gammel", EmailAddress: "old@example.no", IsArchived: true });
  for (let i = 0; i < 8; i++) po.product({ Code: `V-${i}`, Name: `Vare ${i}`, UnitPrice: 10 + i });
  for (let i = 4; i < 12; i++) shop.product({ sku: `v-${i}`, name: `Vare ${i}`, price: `${10 + i}.00` });
  po.product({ Code: "UT", Name: "Utgått", UnitPrice: 1, IsArchived: true });
  po.department({ Code: "900", Name: "Lager", IsActive: true });
}

async function preview(world: ApiWorld): Promise<PreviewResponse> {
  return world.ok(PreviewResponseSchema, "GET", API_PATHS.preview);
}

async function untilReady(world: ApiWorld, runs = 40): Promise<PreviewResponse> {
  for (let i = 0; i < runs; i++) {
    await world.cycle();
    const state = await preview(world);
    if (state.state === "ready") return state;
  }
  throw new Error(`the preview did not become ready in ${runs} cron runs`);
}

async function allItems(world: ApiWorld): Promise<PreviewItem[]> {
  const out: PreviewItem[] = [];
  let cursor: string | null = null;
  do {
    const page: PreviewItemsResponse = await world.ok(
      PreviewItemsResponseSchema,
      "GET",
      `${API_PATHS.previewItems}?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** What a chunked world's cron runs planned, run by run (runs that planned nothing left out). */
const plannedPerRun = (world: ApiWorld) =>
  world.cronReports.map((r) => r.preview?.plannedRecords ?? 0).filter((n) => n > 0);

describe("the preview's plan in steps", () => {
  it("plans over several cron runs, each at most the chunk, to the plan one step makes", async () => {
    const whole = await createApiWorld({ bindings: () => ({ FIRST_SYNC: "preview" }) });
    seed(whole);
    const oneStep = await untilReady(whole);
    expect(plannedPerRun(whole)).toHaveLength(1);
    const wholeItems = await allItems(whole);

    const world = await createApiWorld({
      bindings: () => ({ FIRST_SYNC: "preview" }),
      overrides: { previewPlanChunk: CHUNK },
    });
    seed(world);
    const ready = await untilReady(world);

    const runs = plannedPerRun(world);
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor(wholeItems.length / CHUNK));
    // A pair is two records: a chunk stops before a step that does not fit.
    expect(Math.max(...runs)).toBeLessThanOrEqual(CHUNK);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(plannedPerRun(whole)[0]);
    expect(ready.dataflows).toEqual(oneStep.dataflows);
    // The same items in the same order (both worlds' simulators were seeded alike, so the ids are the same).
    expect(
      (await allItems(world)).map(({ id, action, reason, candidates, differences }) => ({
        id,
        action,
        reason,
        candidates,
        differences,
      })),
    ).toEqual(
      wholeItems.map(({ id, action, reason, candidates, differences }) => ({
        id,
        action,
        reason,
        candidates,
        differences,
      })),
    );
  });

  it("plans the dataflow again in steps after a link by hand: reading until its last step, then the new counts", async () => {
    const world = await createApiWorld({
      bindings: () => ({ FIRST_SYNC: "preview" }),
      overrides: { previewPlanChunk: CHUNK },
    });
    seed(world);
    const before = await untilReady(world);
    const customers = (p: PreviewResponse) => p.dataflows.find((d) => d.dataflow === "customers")!.counts;
    const amb = await world.ok(
      PreviewItemsResponseSchema,
      "GET",
      `${API_PATHS.previewItems}?dataflow=customers&action=ambiguous&q=dobbel`,
    );
    const double = amb.data.find((i) => i.webshop?.label.startsWith("Dobbel"))!;
    const shopDouble = double.webshop!;
    const poK7 = double.candidates.find((c) => c.side === "poweroffice")!;
    const item = await world.ok(PreviewItemSchema, "POST", API_PATHS.previewLinks, {
      body: { dataflow: "customers", powerofficeId: poK7.id, webshopId: shopDouble.id },
    });
    expect(item).toMatchObject({ action: "link", matchedBy: "by hand" });
    expect((await preview(world)).state).toBe("reading");
    await world.refused("preview_not_ready", "POST", API_PATHS.previewStart);

    const after = await untilReady(world);
    expect(Math.max(...plannedPerRun(world))).toBeLessThanOrEqual(CHUNK);
    // k7's three records were ambiguous; now the pair is linked by hand and the other shop k7 record finds it taken.
    expect(customers(after)).toEqual({
      ...customers(before),
      link: customers(before).link + 1,
      ambiguous: customers(before).ambiguous - 2,
      // Their names differ.
      differing: customers(before).differing + 1,
    });
  });

  it("stores a part once when two invocations plan it at the same time", async () => {
    const world = await createApiWorld({
      bindings: () => ({ FIRST_SYNC: "preview" }),
      overrides: { previewPlanChunk: CHUNK },
    });
    seed(world);
    // Read to the end; the plan starts in the run after the last page.
    while (!(await preview(world)).progress.every((p) => p.readToEnd)) await world.cycle();
    const depsFor = () =>
      buildDeps(world.env, {
        fetch: simFetch({ "poweroffice.sim": world.poweroffice, "webshop.sim": { fetch: (r) => world.shop.fetch(r) } }),
        now: world.clock.now,
        previewPlanChunk: CHUNK,
      });
    const first = depsFor();
    const firstSync = await readFirstSync(first);
    // Partitioned once, then the same part planned by two invocations that read the same position.
    await planInSteps(first, firstSync);
    const both = await Promise.allSettled([planInSteps(depsFor(), firstSync), planInSteps(depsFor(), firstSync)]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);

    await untilReady(world);
    const ids = (await allItems(world)).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const whole = await createApiWorld({ bindings: () => ({ FIRST_SYNC: "preview" }) });
    seed(whole);
    await untilReady(whole);
    expect((await allItems(whole)).map((i) => i.id)).toEqual(ids);
  });
});
