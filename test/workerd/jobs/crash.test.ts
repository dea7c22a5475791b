/**
 * A crash between "create" and "confirm link", at every step: a reference run counts the steps (store writes,
 * writes to either system, queue sends); then, for each step k, a fresh world crashes at step k once and runs on.
 * Whatever step it died at, each record exists once on each side and both sides agree.
 * At this level (workerd): the whole worker on real D1, where a step may also be a queue send; the engine-level
 * crash at each step of create and confirm is test/node/engine/crash.
 */
import { describe, expect, it } from "vitest";
import { crashPlan } from "./crash-plan";
import { createWorld } from "./harness";
import { byKey, duplicateKeys, poCustomers, poProducts, shopCustomers, shopProducts } from "./views";

async function scenario(crashAt: number | null) {
  const crash = crashPlan();
  crash.plan.crashAt = crashAt;
  const world = await createWorld({ overrides: crash.overrides });
  world.poweroffice.seed.product({ Code: "FRA-PO", Name: "Fra PowerOffice", UnitPrice: 10 });
  world.poweroffice.seed.customer({ IsPerson: true, EmailAddress: "po@example.no" });
  world.shop.seed.product({ sku: "FRA-SHOP", name: "Fra butikken", price: "20.00" });
  world.shop.seed.customer({ kind: "person", email: "shop@example.no" });
  /** A crash fails the run (the cron or the message): production retries, and so does the next cycle here. */
  const tolerant = async () => {
    try {
      await world.cycle(31 * 60_000);
    } catch (error) {
      if (!(error instanceof Error) || !/crash \(injected\)/.test(error.message)) throw error;
    }
  };
  for (let i = 0; i < 5; i++) await tolerant();
  return { world, steps: crash.plan.steps };
}

function expectOneOfEachAndAgreed(world: Awaited<ReturnType<typeof createWorld>>, label: string) {
  expect(
    duplicateKeys(poProducts(world), (p) => p.sku),
    label,
  ).toEqual([]);
  expect(
    duplicateKeys(shopProducts(world), (p) => p.sku),
    label,
  ).toEqual([]);
  expect(
    duplicateKeys(poCustomers(world), (c) => c.key),
    label,
  ).toEqual([]);
  expect(
    duplicateKeys(shopCustomers(world), (c) => c.key),
    label,
  ).toEqual([]);
  expect(world.poweroffice.count("products"), label).toBe(2);
  expect(world.shop.count("products"), label).toBe(2);
  expect(world.poweroffice.count("customers"), label).toBe(2);
  expect(world.shop.count("customers"), label).toBe(2);
  expect(
    byKey(shopProducts(world), (p) => p.sku),
    label,
  ).toEqual(byKey(poProducts(world), (p) => p.sku));
  expect(
    byKey(shopCustomers(world), (c) => c.key),
    label,
  ).toEqual(byKey(poCustomers(world), (c) => c.key));
}

describe("a crash between create and confirm", () => {
  it("at every step leaves no duplicate, and the next runs converge", { timeout: 120_000 }, async () => {
    const reference = await scenario(null);
    expectOneOfEachAndAgreed(reference.world, "without a crash");
    const creates = reference.steps.filter((s) => s.endsWith(" create"));
    expect(creates).toHaveLength(4);
    // Every step up to the last create's confirm (the commit after it), and the first few after.
    const lastCreate = reference.steps.lastIndexOf(creates[creates.length - 1]!) + 1;
    const points = Array.from({ length: Math.min(reference.steps.length, lastCreate + 3) }, (_, i) => i + 1);
    for (const k of points) {
      const { world } = await scenario(k);
      expectOneOfEachAndAgreed(world, `crash at step ${k} (${reference.steps[k - 1]})`);
    }
  });
});
