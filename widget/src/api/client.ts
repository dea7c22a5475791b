/** The widget API as the elements use it: one method per call, each answer parsed with its shared schema. */
import * as v from "valibot";
import {
  ActionResultSchema,
  API_PATHS,
  BrakeReleaseResultSchema,
  type DataflowId,
  DeadLetterReplayResultSchema,
  DeadLettersListResponseSchema,
  type Direction,
  IDEMPOTENCY_KEY_HEADER,
  type LinkState,
  PauseResultSchema,
  RecordResponseSchema,
  RecordsListResponseSchema,
  type Resource,
  type Side,
  StatusResponseSchema,
  WebshopRecordStatusSchema,
} from "../../../shared/api";
import { callApi, type Transport } from "./request";

const ConnectionLineSchema = v.looseObject({
  poweroffice: v.looseObject({
    state: v.string(),
    via: v.nullable(v.string()),
    clientName: v.nullable(v.string()),
    organizationNumber: v.nullable(v.string()),
    environment: v.picklist(["demo", "production"]),
    missingPrivileges: v.nullable(v.array(v.unknown())),
  }),
});
export type ConnectionLineResponse = v.InferOutput<typeof ConnectionLineSchema>;

export class SyncApi {
  constructor(private readonly transport: Transport) {}

  status(signal?: AbortSignal) {
    return callApi(this.transport, StatusResponseSchema, "status", { path: API_PATHS.status, signal });
  }

  records(query: { dataflow?: DataflowId; state?: LinkState; q?: string; limit?: number }, signal?: AbortSignal) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    return callApi(this.transport, RecordsListResponseSchema, "records", {
      path: `${API_PATHS.records}?${params}`,
      signal,
    });
  }

  record(linkId: number, signal?: AbortSignal) {
    return callApi(this.transport, RecordResponseSchema, "record", { path: API_PATHS.record(linkId), signal });
  }

  webshopRecord(resource: Resource, id: string, signal?: AbortSignal) {
    return callApi(this.transport, WebshopRecordStatusSchema, "record", {
      path: API_PATHS.webshopRecord(resource, id),
      signal,
    });
  }

  /** `idempotencyKey` is made once per click intent: the same key sent twice is one push. */
  push(resource: Resource, id: string, idempotencyKey: string, signal?: AbortSignal) {
    return callApi(this.transport, WebshopRecordStatusSchema, "push", {
      method: "POST",
      path: API_PATHS.push,
      body: { resource, id },
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      signal,
    });
  }

  retry(linkId: number, signal?: AbortSignal) {
    return this.action(API_PATHS.retry(linkId), undefined, signal);
  }

  replay(linkId: number, signal?: AbortSignal) {
    return this.action(API_PATHS.replay(linkId), undefined, signal);
  }

  resolve(linkId: number, choices: Record<string, Side>, signal?: AbortSignal) {
    return this.action(API_PATHS.resolve(linkId), { choices }, signal);
  }

  link(dataflow: DataflowId, powerofficeId: string, webshopId: string, signal?: AbortSignal) {
    return this.action(API_PATHS.links, { dataflow, powerofficeId, webshopId }, signal);
  }

  /** Stops syncing a pair: neither record changes; they are synced again only once linked by hand. */
  unlink(linkId: number, signal?: AbortSignal) {
    return callApi(this.transport, ActionResultSchema, "result", {
      method: "DELETE",
      path: API_PATHS.link(linkId),
      signal,
    });
  }

  setPaused(dataflow: DataflowId, direction: Direction, paused: boolean, signal?: AbortSignal) {
    const path = paused ? API_PATHS.pause(dataflow, direction) : API_PATHS.resume(dataflow, direction);
    return callApi(this.transport, PauseResultSchema, "pause", { method: "POST", path, signal });
  }

  releaseBrake(dataflow: DataflowId, signal?: AbortSignal) {
    return callApi(this.transport, BrakeReleaseResultSchema, "brake", {
      method: "POST",
      path: API_PATHS.releaseBrake(dataflow),
      signal,
    });
  }

  /** The queue messages the worker gave up on and nobody sent again yet, newest first; `cursor` pages back. */
  deadLetters(query: { cursor?: string; limit: number }, signal?: AbortSignal) {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.cursor) params.set("cursor", query.cursor);
    return callApi(this.transport, DeadLettersListResponseSchema, "deadLetters", {
      path: `${API_PATHS.deadLetters}?${params}`,
      signal,
    });
  }

  /** Puts the message back on the queue; the worker does so at most once per dead letter (a second call is 409). */
  replayDeadLetter(id: number, signal?: AbortSignal) {
    return callApi(this.transport, DeadLetterReplayResultSchema, "deadLetter", {
      method: "POST",
      path: API_PATHS.replayDeadLetter(id),
      signal,
    });
  }

  /**
   * Only the fields of the dashboard's one connection line are checked here; the object is loose, so the whole answer
   * reaches the connection panel (go-live.js), which parses it with ConnectionResponseSchema: that schema, and the
   * calls that change the connection, stay out of this bundle.
   */
  connection(signal?: AbortSignal) {
    return callApi(this.transport, ConnectionLineSchema, "connection", { path: API_PATHS.connection, signal });
  }

  /**
   * Only whether the sync is live (the rest of GoLiveResponse, shared/api/go-live.ts, is read by the go-live views,
   * and its schema stays out of this bundle).
   */
  goLive(signal?: AbortSignal) {
    return callApi(this.transport, v.object({ live: v.boolean() }), "goLive", { path: API_PATHS.goLive, signal });
  }

  private action(path: string, body: unknown, signal?: AbortSignal) {
    return callApi(this.transport, ActionResultSchema, "result", { method: "POST", path, body, signal });
  }
}
