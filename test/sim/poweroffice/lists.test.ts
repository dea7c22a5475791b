import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

describe("lists: bare arrays, 204, paging, ordering, projection", () => {
  it("answers 204 with an empty body when nothing matches, and a bare array otherwise", async () => {
    const { sim, api } = testSim();
    const empty = await api.get("/Products");
    expect(empty.status).toBe(204);
    expect(empty.text).toBe("");
    sim.seed.product({ Name: "Stol" });
    const one = await api.get("/Products");
    expect(one.status).toBe(200);
    expect(Array.isArray(one.json)).toBe(true);
    expect(one.json[0].Name).toBe("Stol");
  });

  it("pages with PageNumber/PageSize and links the next page in X-Pagination until the last", async () => {
    const { sim, api } = testSim();
    const ids = Array.from({ length: 5 }, () => sim.seed.department().Id);
    const seen: number[] = [];
    let path: string | null = "/Departments?PageSize=2";
    const pages: unknown[] = [];
    while (path) {
      const reply = await api.get(path);
      seen.push(...reply.json.map((d: { Id: number }) => d.Id));
      const pagination = JSON.parse(reply.headers.get("x-pagination")!);
      pages.push(pagination);
      path = pagination.nextPageLink ? pagination.nextPageLink.replace("https://poweroffice.sim/v2", "") : null;
    }
    expect(seen).toEqual(ids);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatchObject({ totalCount: 5, pageSize: 2, currentPage: 1, totalPages: 3 });
    expect(pages[2]).toMatchObject({ currentPage: 3, nextPageLink: null });
    expect((await api.get("/Departments?PageSize=2&PageNumber=4")).status).toBe(204);
  });

  it("defaults PageSize to 5000 and refuses more than 20000", async () => {
    const { sim, api } = testSim();
    sim.seed.department();
    const reply = await api.get("/Departments");
    expect(JSON.parse(reply.headers.get("x-pagination")!).pageSize).toBe(5000);
    expect((await api.get("/Departments?PageSize=20000")).status).toBe(200);
    const tooBig = await api.get("/Departments?PageSize=20001");
    expect(tooBig.status).toBe(400);
    expect(tooBig.json).toMatchObject({ status: 400, detail: expect.stringContaining("20000") });
  });

  it("refuses OData $top and $skip with 400", async () => {
    const { api } = testSim();
    expect((await api.get("/Customers?$top=10")).status).toBe(400);
    expect((await api.get("/Customers?$skip=10")).status).toBe(400);
  });

  it("orders by one or more fields, with optional ' desc'", async () => {
    const { sim, api } = testSim();
    sim.seed.product({ Name: "B", UnitPrice: 10 });
    sim.seed.product({ Name: "A", UnitPrice: 10 });
    sim.seed.product({ Name: "C", UnitPrice: 5 });
    const names = async (orderBy: string) =>
      (await api.get(`/Products?OrderBy=${encodeURIComponent(orderBy)}`)).json.map((p: { Name: string }) => p.Name);
    expect(await names("Name")).toEqual(["A", "B", "C"]);
    expect(await names("Name desc")).toEqual(["C", "B", "A"]);
    expect(await names("UnitPrice desc, Name")).toEqual(["A", "B", "C"]);
    expect(await names("unitprice, name desc")).toEqual(["C", "B", "A"]);
    expect((await api.get("/Products?OrderBy=Colour")).status).toBe(400);
  });

  it("projects with Fields", async () => {
    const { sim, api } = testSim();
    const product = sim.seed.product({ Name: "Stol", Code: "STOL" });
    const reply = await api.get("/Products?Fields=Id,code");
    expect(reply.json).toEqual([{ Id: product.Id, Code: "STOL" }]);
  });

  it("ignores unknown query parameters and reads known ones without regard to case", async () => {
    const { sim, api } = testSim();
    sim.seed.department({ Code: "10" });
    sim.seed.department({ Code: "20" });
    expect((await api.get("/Departments?colour=blue")).json).toHaveLength(2);
    expect((await api.get("/Departments?CODES=20")).json).toHaveLength(1);
    expect((await api.get("/Departments?pagesize=1")).json).toHaveLength(1);
  });

  it("pages exactly across many records sharing one timestamp (ordered by timestamp, then creation)", async () => {
    const { sim, api } = testSim();
    const at = "2026-11-26T12:00:00.1234567+00:00";
    sim.seed.customer({ LastChangedDateTimeOffset: "2026-11-26T11:59:59+00:00" });
    const same = Array.from({ length: 7 }, () => sim.seed.customer({ LastChangedDateTimeOffset: at }).Id);
    const later = sim.seed.customer({ LastChangedDateTimeOffset: "2026-11-26T12:00:00.1234568+00:00" }).Id;
    const since = encodeURIComponent("2026-11-26T12:00:00.1234566+00:00");
    const ids: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const reply = await api.get(
        `/Customers?lastChangedDateTimeOffsetGreaterThan=${since}&OrderBy=LastChangedDateTimeOffset&PageSize=3&PageNumber=${page}`,
      );
      ids.push(...reply.json.map((c: { Id: number }) => c.Id));
    }
    expect(ids).toEqual([...same, later]);
    const after = await api.get(`/Customers?lastChangedDateTimeOffsetGreaterThan=${encodeURIComponent(at)}`);
    expect(after.json.map((c: { Id: number }) => c.Id)).toEqual([later]);
  });
});
