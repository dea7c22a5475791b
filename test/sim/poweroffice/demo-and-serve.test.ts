import { describe, expect, it } from "vitest";
import { seedDemoData } from "./demo-data";
import { createPowerOfficeSim } from "./index";
import { organizationNumber } from "./seed-defaults";
import { servePowerOfficeSim } from "./serve";
import { SUBSCRIPTION, tokenRequest } from "./test-client";

function validOrganizationNumber(value: string | null): boolean {
  if (!value || !/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(value[8]);
}

describe("demo data", () => {
  it("seeds companies with valid org numbers, persons, departments, NOK products and two orders", () => {
    const sim = createPowerOfficeSim();
    const demo = seedDemoData(sim);
    const companies = demo.customers.filter((c) => !c.IsPerson);
    const persons = demo.customers.filter((c) => c.IsPerson);
    expect(companies.length).toBeGreaterThanOrEqual(4);
    expect(persons.length).toBeGreaterThanOrEqual(2);
    for (const c of companies) expect(validOrganizationNumber(c.OrganizationNumber), c.Name!).toBe(true);
    for (const p of persons) expect(p.FirstName && p.LastName && p.MailAddress.City).toBeTruthy();
    expect(demo.departments).toHaveLength(3);
    expect(demo.products.length).toBeGreaterThanOrEqual(10);
    expect(demo.salesOrders).toHaveLength(2);
    expect(demo.salesOrders.every((o) => o.TotalAmount > o.NetAmount)).toBe(true);
    expect(sim.count("customers")).toBe(demo.customers.length);
  });

  it("generates valid org numbers for seeded defaults", () => {
    for (let n = 1; n < 200; n++) expect(validOrganizationNumber(organizationNumber(n))).toBe(true);
    expect(validOrganizationNumber("952601815")).toBe(false);
  });
});

describe("standalone server", () => {
  it("serves the API over a real socket and drops the connection on a drop fault", async () => {
    const lines: string[] = [];
    const running = await servePowerOfficeSim(createPowerOfficeSim(), 0, (line) => lines.push(line));
    try {
      const base = `http://127.0.0.1:${running.port}`;
      const token = await fetch(new Request(`${base}/OAuth/Token`, tokenRequest()));
      const { access_token } = (await token.json()) as { access_token: string };
      const headers = { ...SUBSCRIPTION, Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" };
      running.sim.faults.add({ method: "POST", path: "/Customers", kind: "drop-after-commit" });
      await expect(
        fetch(`${base}/v2/Customers`, { method: "POST", headers, body: JSON.stringify({ Name: "Acme AS" }) }),
      ).rejects.toThrow();
      expect(running.sim.count("customers")).toBe(1);
      expect((await fetch(`${base}/v2/Customers`, { headers })).status).toBe(200);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/POST \/v2\/Customers -> connection dropped/);
    } finally {
      await running.close();
    }
  });
});
