/**
 * Model-based: random edits on both sides (field edits, creates, archives) interleaved with faults, cron runs and
 * webhook deliveries. Once the faults stop, three cycles bring both sides to the same content with no duplicate SKU.
 * The seed is logged up front; on failure fast-check prints the seed and the shrunk path to replay it.
 * At this level (workerd): the interleaving of cron runs, webhook deliveries and queue messages on real D1;
 * the engine-level model is test/node/engine/model.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorld, type World } from "./harness";
import { byKey, duplicateKeys, type ProductView, poProducts, shopProducts } from "./views";

const SKUS = ["M-1", "M-2", "M-3", "M-4"];
const NAMES = ["Kaffe", "Te", "  Kakao ", "Saft"];
const PRICES = [10, 12.5, 99.99, 250];
const DESCRIPTIONS = [null, "Økologisk", "Fairtrade"];
/** Past the engine's backoff steps up to 30 min, so records that failed under the faults are due again. */
const SETTLE_STEP_MS = 31 * 60_000;

type Side = "poweroffice" | "webshop";
type Op =
  | { op: "create"; side: Side; sku: string; name: string; price: number }
  | { op: "edit"; side: Side; sku: string; field: "name" | "price" | "description"; value: string | number | null }
  | { op: "archive"; side: Side; sku: string; archived: boolean }
  | { op: "fault"; side: Side; kind: "500" | "429" | "drop-after-commit" | "latency"; method: string }
  | { op: "cron" }
  | { op: "webhooks" };

const side = fc.constantFrom<Side>("poweroffice", "webshop");
const sku = fc.constantFrom(...SKUS);
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("create" as const),
    side,
    sku,
    name: fc.constantFrom(...NAMES),
    price: fc.constantFrom(...PRICES),
  }),
  fc.oneof(
    fc.record({
      op: fc.constant("edit" as const),
      side,
      sku,
      field: fc.constant("name" as const),
      value: fc.constantFrom(...NAMES),
    }),
    fc.record({
      op: fc.constant("edit" as const),
      side,
      sku,
      field: fc.constant("price" as const),
      value: fc.constantFrom(...PRICES),
    }),
    fc.record({
      op: fc.constant("edit" as const),
      side,
      sku,
      field: fc.constant("description" as const),
      value: fc.constantFrom(...DESCRIPTIONS),
    }),
  ),
  fc.record({ op: fc.constant("archive" as const), side, sku, archived: fc.boolean() }),
  fc.record({
    op: fc.constant("fault" as const),
    side,
    kind: fc.constantFrom("500" as const, "429" as const, "drop-after-commit" as const, "latency" as const),
    method: fc.constantFrom("GET", "POST", "PATCH"),
  }),
  fc.constant({ op: "cron" as const }),
  fc.constant({ op: "webhooks" as const }),
);

/** Applies one edit as a user of that system would; an edit of a record that side does not have is a no-op. */
function apply(world: World, op: Op): void {
  world.clock.advance(7_000);
  const { poweroffice: po, shop } = world;
  const poRecord = (s: string) => po.list("products").find((p) => p.Code?.toLowerCase() === s.toLowerCase());
  const shopRecord = (s: string) => shop.list("products").find((p) => p.sku.toLowerCase() === s.toLowerCase());
  switch (op.op) {
    case "create":
      if (op.side === "poweroffice" && !poRecord(op.sku))
        po.seed.product({ Code: op.sku, Name: op.name, UnitPrice: op.price });
      if (op.side === "webshop" && !shopRecord(op.sku)) {
        shop.seed.product({ sku: op.sku, name: op.name, price: op.price.toFixed(2) });
      }
      return;
    case "edit": {
      if (op.side === "poweroffice") {
        const record = poRecord(op.sku);
        const field = { name: "Name", price: "UnitPrice", description: "Description" }[op.field];
        if (record) po.edit("products", record.Id, { [field]: op.value });
      } else {
        const record = shopRecord(op.sku);
        const value = op.field === "price" ? Number(op.value).toFixed(2) : op.value;
        if (record && !(op.field === "name" && value === null)) shop.edit("products", record.id, { [op.field]: value });
      }
      return;
    }
    case "archive": {
      const record = op.side === "poweroffice" ? poRecord(op.sku) : shopRecord(op.sku);
      if (record && op.side === "poweroffice")
        po.edit("products", (record as { Id: number }).Id, { IsArchived: op.archived });
      if (record && op.side === "webshop")
        shop.edit("products", (record as { id: string }).id, { active: !op.archived });
      return;
    }
    case "fault": {
      const target = op.side === "poweroffice" ? po : shop;
      const rule =
        op.kind === "latency"
          ? { kind: "latency" as const, ms: 5, times: 3 }
          : op.kind === "drop-after-commit"
            ? { kind: "drop-after-commit" as const, method: op.method }
            : // More than a connector's own attempts (4), so the failure reaches the engine and waits for a retry.
              { kind: "status" as const, status: Number(op.kind), method: op.method, times: 6 };
      target.faults.add(rule as never);
      return;
    }
    default:
      return;
  }
}

/** A failed run (the faults may fail a whole cron run) is retried by the next, as in production. */
async function tolerate(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof Error) || !/cron run|did not drain|did not settle/.test(error.message)) throw error;
  }
}

/** Active products must exist on both sides; a SKU on both sides must read the same on both. */
function divergence(world: World): string[] {
  const po = new Map(poProducts(world).map((p) => [p.sku, p]));
  const shop = new Map(shopProducts(world).map((p) => [p.sku, p]));
  const problems: string[] = [];
  const same = (a: ProductView, b: ProductView) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of new Set([...po.keys(), ...shop.keys()])) {
    const a = po.get(key);
    const b = shop.get(key);
    if (a && b && !same(a, b)) problems.push(`${key}: PowerOffice ${JSON.stringify(a)} ≠ shop ${JSON.stringify(b)}`);
    if (!a && b?.active) problems.push(`${key}: active in the shop, missing in PowerOffice`);
    if (!b && a?.active) problems.push(`${key}: active in PowerOffice, missing in the shop`);
  }
  return problems;
}

describe("model: random edits on both sides with faults", () => {
  it("converges within 3 cycles after the faults stop, with no duplicates", { timeout: 120_000 }, async () => {
    const seed = Number((globalThis as { FC_SEED?: string }).FC_SEED) || Date.now() % 2_147_483_647;
    console.log(`model test seed: ${seed} (replay: set globalThis.FC_SEED or pass { seed } to fc.assert)`);
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 4, maxLength: 16 }), async (ops) => {
        const world = await createWorld();
        // Linked records to edit from the start; M-4 exists nowhere until a `create` makes it.
        world.poweroffice.seed.product({ Code: "M-1", Name: "Kaffe", UnitPrice: 10 });
        world.poweroffice.seed.product({ Code: "M-2", Name: "Te", UnitPrice: 12.5, Description: "Økologisk" });
        world.shop.seed.product({ sku: "M-3", name: "Saft", price: "99.99" });
        await world.cycle();
        await world.cycle();
        for (const op of ops) {
          apply(world, op);
          if (op.op === "cron") await tolerate(() => world.cycle());
          if (op.op === "webhooks") await tolerate(() => world.settle());
        }
        world.poweroffice.faults.clear();
        world.shop.faults.clear();
        for (let i = 0; i < 3; i++) await tolerate(() => world.cycle(SETTLE_STEP_MS));
        expect(duplicateKeys(poProducts(world), (p) => p.sku)).toEqual([]);
        expect(duplicateKeys(shopProducts(world), (p) => p.sku)).toEqual([]);
        expect(divergence(world)).toEqual([]);
        expect(
          byKey(
            shopProducts(world).filter((p) => p.active),
            (p) => p.sku,
          ).map((p) => p.sku),
        ).toEqual(
          byKey(
            poProducts(world).filter((p) => p.active),
            (p) => p.sku,
          ).map((p) => p.sku),
        );
      }),
      { seed, numRuns: 40, endOnFailure: true },
    );
  });
});
