/** The calls of the go-live views: the checklist, the preview and its plan, each answer parsed with its shared schema. */
import * as v from "valibot";
import { GoLiveResponseSchema } from "../../../shared/api/go-live";
import { API_PATHS } from "../../../shared/api/paths";
import {
  type PreviewAction,
  PreviewItemSchema,
  PreviewItemsResponseSchema,
  type PreviewOptions,
  PreviewResponseSchema,
} from "../../../shared/api/preview";
import type { DataflowId } from "../../../shared/api/vocabulary";
import type { ApiResult } from "../api/failure";
import { callApi, read, sendWithToken, type Transport } from "../api/request";

export interface PlanFilter {
  dataflow?: DataflowId;
  action?: PreviewAction;
  q?: string;
}

function query(filter: PlanFilter & { cursor?: string; limit?: number }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export class GoLiveApi {
  constructor(private readonly transport: Transport) {}

  goLive(signal?: AbortSignal) {
    return callApi(this.transport, GoLiveResponseSchema, "goLive", { path: API_PATHS.goLive, signal });
  }

  checkWebshop(signal?: AbortSignal) {
    return callApi(this.transport, GoLiveResponseSchema, "goLive", {
      method: "POST",
      path: API_PATHS.goLiveCheckWebshop,
      signal,
    });
  }

  preview(signal?: AbortSignal) {
    return callApi(this.transport, PreviewResponseSchema, "preview", { path: API_PATHS.preview, signal });
  }

  items(filter: PlanFilter, cursor: string | undefined, limit: number, signal?: AbortSignal) {
    return callApi(this.transport, PreviewItemsResponseSchema, "items", {
      path: `${API_PATHS.previewItems}${query({ ...filter, cursor, limit })}`,
      signal,
    });
  }

  setOptions(options: PreviewOptions, signal?: AbortSignal) {
    return callApi(this.transport, PreviewResponseSchema, "preview", {
      method: "PUT",
      path: API_PATHS.previewOptions,
      body: options,
      signal,
    });
  }

  /** A pair linked by hand in the plan: nothing is written to either system until "Start syncing". */
  link(dataflow: DataflowId, powerofficeId: string, webshopId: string, signal?: AbortSignal) {
    return callApi(this.transport, PreviewItemSchema, "item", {
      method: "POST",
      path: API_PATHS.previewLinks,
      body: { dataflow, powerofficeId, webshopId },
      signal,
    });
  }

  refresh(signal?: AbortSignal) {
    return this.post(API_PATHS.previewRefresh, signal);
  }

  reviewed(signal?: AbortSignal) {
    return this.post(API_PATHS.previewReviewed, signal);
  }

  start(signal?: AbortSignal) {
    return this.post(API_PATHS.previewStart, signal);
  }

  /** Every item of the filter as CSV, fetched with the token (a plain link could not send it). */
  async csv(filter: PlanFilter, signal?: AbortSignal): Promise<ApiResult<string>> {
    const response = await sendWithToken(this.transport, {
      path: `${API_PATHS.previewItemsCsv}${query({ dataflow: filter.dataflow, action: filter.action })}`,
      headers: { Accept: "text/csv" },
      signal,
    });
    if ("failure" in response) return response;
    // A refusal is the API's JSON error body: read it as any other answer's.
    if (!response.ok) return read(response, v.never(), "csv");
    return { ok: true, value: await response.text() };
  }

  private post(path: string, signal?: AbortSignal) {
    return callApi(this.transport, PreviewResponseSchema, "preview", { method: "POST", path, signal });
  }
}
