/**
 * The five endpoints Customers, Departments and Products share (GET list, POST, GET/PATCH/DELETE by int64 id).
 * Reads go to the lagging replica; writes to the primary.
 */
import { Hono } from "hono";
import { jsonResponse, notFound } from "../core/problem";
import type { VersionedTable } from "../core/table";
import type { Writer } from "../domain/state";
import type { Spec } from "../schema/field-spec";
import { readObject } from "../schema/values";
import { readJson } from "./body";
import { apiWriter, type SimEnv } from "./context";
import { listResponse } from "./list-response";
import { longId, Query } from "./query";

export interface EntityEndpoints<R extends { Id: number }> {
  /** As written in 404 details: "Customer with id = 12345 not found." */
  name: string;
  spec: Spec;
  table: VersionedTable<R>;
  /** 201 as documented for most creates; POST /Products is documented with 200. */
  createdStatus: 200 | 201;
  /** Reads the query's filters (400 on a malformed one) into a row predicate. */
  filter: (query: Query) => (row: R) => boolean;
  /** Extra checks on the read POST body before create (required nested fields). */
  checkPost?: (input: Record<string, unknown>) => void;
  create: (input: Record<string, unknown>, writer: Writer) => R;
  patch: (id: number, operations: unknown, writer: Writer) => R;
  remove: (id: number, writer: Writer) => void;
  render: (row: R) => object;
}

export function entityRoutes<R extends { Id: number }>(e: EntityEndpoints<R>) {
  return new Hono<SimEnv>()
    .get("/", (c) => {
      const query = new Query(new URL(c.req.url));
      const keep = e.filter(query);
      const rows = e.table.replicaValues().filter(keep);
      return listResponse(query, e.spec, rows, (row) => e.render(row) as Record<string, unknown>);
    })
    .post("/", async (c) => {
      const input = readObject(e.spec, await readJson(c.req.raw, "post"), "$", "P");
      e.checkPost?.(input);
      return jsonResponse(e.createdStatus, e.render(e.create(input, apiWriter(c))));
    })
    .get("/:id", (c) => {
      const id = longId(c.req.param("id"));
      const row = e.table.replicaGet(String(id));
      if (!row) throw notFound(e.name, id);
      return jsonResponse(200, e.render(row));
    })
    .patch("/:id", async (c) => {
      const id = longId(c.req.param("id"));
      const operations = await readJson(c.req.raw, "patch");
      return jsonResponse(200, e.render(e.patch(id, operations, apiWriter(c))));
    })
    .delete("/:id", (c) => {
      e.remove(longId(c.req.param("id")), apiWriter(c));
      return new Response(null, { status: 200 });
    });
}
