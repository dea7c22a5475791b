/**
 * /SalesOrders: list, POST /Complete (there is no plain POST), GET/PATCH/DELETE by uuid, GET /{id}/Complete, and
 * the /{id}/Lines endpoints. Reads go to the lagging replica; writes to the primary.
 */
import { Hono } from "hono";
import { jsonResponse, notFound, ProblemError, TITLE_NOT_FOUND } from "../core/problem";
import { addLine, deleteLine, patchLine } from "../domain/sales-order-line-edits";
import { renderLine, sortLines } from "../domain/sales-order-lines";
import {
  createSalesOrder,
  deleteSalesOrder,
  patchSalesOrder,
  renderCompleteSalesOrder,
  renderSalesOrder,
} from "../domain/sales-orders";
import type { SalesOrderRow, SimState } from "../domain/state";
import { lineFields, salesOrderFields } from "../schema/sales-order-fields";
import { readObject } from "../schema/values";
import { readJson } from "./body";
import { apiWriter, type SimEnv } from "./context";
import { salesOrderFilter } from "./filters";
import { listResponse } from "./list-response";
import { Query, uuidId } from "./query";

export function salesOrderRoutes(state: SimState) {
  const replicaOrder = (raw: string): SalesOrderRow => {
    const id = uuidId(raw);
    const row = state.salesOrders.replicaGet(id);
    if (!row) throw notFound("Sales order", raw);
    return row;
  };

  return new Hono<SimEnv>()
    .get("/", (c) => {
      const query = new Query(new URL(c.req.url));
      const me = c.get("applicationKey");
      const keep = salesOrderFilter(
        query,
        {
          customerNo: (row) => renderSalesOrder(state, row, me).CustomerNo,
          departmentCode: (row) => renderSalesOrder(state, row, me).DepartmentCode,
        },
        me,
      );
      const rows = state.salesOrders.replicaValues().filter(keep);
      return listResponse(query, salesOrderFields, rows, (row) => renderSalesOrder(state, row, me));
    })
    .post("/Complete", async (c) => {
      const input = readObject(salesOrderFields, await readJson(c.req.raw, "post"), "$", "P");
      const row = createSalesOrder(state, input, apiWriter(c));
      return jsonResponse(201, renderCompleteSalesOrder(state, row, c.get("applicationKey")));
    })
    .get("/:id", (c) =>
      jsonResponse(200, renderSalesOrder(state, replicaOrder(c.req.param("id")), c.get("applicationKey"))),
    )
    .get("/:id/Complete", (c) => {
      const row = replicaOrder(c.req.param("id"));
      return jsonResponse(200, renderCompleteSalesOrder(state, row, c.get("applicationKey")));
    })
    .patch("/:id", async (c) => {
      const id = uuidId(c.req.param("id"));
      const row = patchSalesOrder(state, id, await readJson(c.req.raw, "patch"), apiWriter(c));
      return jsonResponse(200, renderSalesOrder(state, row, c.get("applicationKey")));
    })
    .delete("/:id", (c) => {
      deleteSalesOrder(state, uuidId(c.req.param("id")), apiWriter(c));
      return new Response(null, { status: 200 });
    })
    .get("/:id/Lines", (c) => {
      const row = replicaOrder(c.req.param("id"));
      const query = new Query(new URL(c.req.url));
      return listResponse(query, lineFields, sortLines(row.Lines), (line) => renderLine(state, line));
    })
    .post("/:id/Lines", async (c) => {
      const id = uuidId(c.req.param("id"));
      const input = readObject(lineFields, await readJson(c.req.raw, "post"), "$", "P");
      return jsonResponse(201, renderLine(state, addLine(state, id, input, apiWriter(c))));
    })
    .get("/:id/Lines/:lineId", (c) => {
      const row = replicaOrder(c.req.param("id"));
      const lineId = uuidId(c.req.param("lineId"), "lineId");
      const line = row.Lines.find((l) => l.Id === lineId);
      if (!line) throw new ProblemError(404, TITLE_NOT_FOUND, `Sales order line with id = ${lineId} not found.`);
      return jsonResponse(200, renderLine(state, line));
    })
    .patch("/:id/Lines/:lineId", async (c) => {
      const [id, lineId] = [uuidId(c.req.param("id")), uuidId(c.req.param("lineId"), "lineId")];
      const line = patchLine(state, id, lineId, await readJson(c.req.raw, "patch"), apiWriter(c));
      return jsonResponse(200, renderLine(state, line));
    })
    .delete("/:id/Lines/:lineId", (c) => {
      const [id, lineId] = [uuidId(c.req.param("id")), uuidId(c.req.param("lineId"), "lineId")];
      deleteLine(state, id, lineId, apiWriter(c));
      return new Response(null, { status: 200 });
    });
}
