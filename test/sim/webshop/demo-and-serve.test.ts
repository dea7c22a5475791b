import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { seedDemoData } from "../poweroffice/demo-data";
import { createPowerOfficeSim } from "../poweroffice/index";
import { seedDemoShop } from "./demo-data";
import { createReferenceWebshop } from "./index";
import { serveReferenceWebshop } from "./serve";
import { SECRET, TOKEN } from "./test-client";

function validOrganizationNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const check = (11 - (weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0) % 11)) % 11;
  return check !== 10 && check === Number(value[8]);
}

describe("demo data", () => {
  it("seeds persons, companies with valid org numbers, a department, six products and two orders", () => {
    const demo = seedDemoShop(createReferenceWebshop());
    const companies = demo.customers.filter((c) => c.kind === "company");
    expect(companies.length).toBeGreaterThanOrEqual(3);
    expect(demo.customers.filter((c) => c.kind === "person").length).toBeGreaterThanOrEqual(2);
    for (const c of companies)
      expect(validOrganizationNumber(c.organization_number!.replace(/\D/g, "")), c.name).toBe(true);
    expect(demo.products).toHaveLength(6);
    expect(demo.orders).toHaveLength(2);
    expect(demo.orders.every((o) => Number(o.total_incl_vat) > Number(o.total_excl_vat))).toBe(true);
  });

  it("partly overlaps the PowerOffice demo by org number, e-mail, department code and product code", () => {
    const shop = seedDemoShop(createReferenceWebshop());
    const po = seedDemoData(createPowerOfficeSim());
    const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/g, "");
    const fold = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();
    const orgs = new Set(po.customers.map((c) => digits(c.OrganizationNumber)).filter(Boolean));
    const emails = new Set(po.customers.filter((c) => c.IsPerson).map((c) => fold(c.EmailAddress)));
    const codes = new Set(po.products.map((p) => fold(p.Code)));
    const companies = shop.customers.filter((c) => c.kind === "company");
    const persons = shop.customers.filter((c) => c.kind === "person");
    const matched = (n: number, of: number) => n > 0 && n < of;
    expect(matched(companies.filter((c) => orgs.has(digits(c.organization_number))).length, companies.length)).toBe(
      true,
    );
    expect(matched(persons.filter((c) => emails.has(fold(c.email))).length, persons.length)).toBe(true);
    expect(matched(shop.products.filter((p) => codes.has(fold(p.sku))).length, shop.products.length)).toBe(true);
    const department = shop.customers.find((c) => c.kind === "department")!;
    expect(po.departments.map((d) => d.Code)).toContain(department.department_code);
  });
});

describe("standalone server", () => {
  it("serves the API over a real socket, sends webhooks with fetch, drops the connection on a drop fault", async () => {
    const hooks: { headers: Record<string, unknown>; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        hooks.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hookPort = (receiver.address() as { port: number }).port;
    const shop = createReferenceWebshop({
      webhooks: { url: `http://127.0.0.1:${hookPort}/webhooks/webshop`, secret: SECRET },
    });
    const lines: string[] = [];
    const running = await serveReferenceWebshop(shop, 0, (line) => lines.push(line));
    try {
      const base = `http://127.0.0.1:${running.port}/api`;
      const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
      const created = await fetch(`${base}/customers`, {
        method: "POST",
        headers: { ...headers, "Idempotency-Key": "k1" },
        body: JSON.stringify({ kind: "company", name: "Acme AS" }),
      });
      expect(created.status).toBe(201);
      running.shop.faults.add({ method: "GET", kind: "drop-after-commit" });
      await expect(fetch(`${base}/customers`, { headers })).rejects.toThrow();
      expect((await fetch(`${base}/customers`, { headers })).status).toBe(200);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/GET \/api\/customers -> connection dropped/);
      await shop.webhooks.flush();
      expect(shop.webhooks.sent[0]).toMatchObject({ state: "delivered", status: 204, attempts: 1 });
      expect(hooks).toHaveLength(1);
      expect(hooks[0]!.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(JSON.parse(hooks[0]!.body).type).toBe("customer.created");
    } finally {
      await running.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
