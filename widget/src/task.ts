/**
 * A load the element runs against the API (in the manner of @lit/task): one at a time, the previous one aborted
 * when a new one starts, and aborted when the element leaves the page, so a late answer never lands in a detached
 * or reloaded element.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ApiFailure, ApiResult } from "./api/failure";

export type TaskStatus = "initial" | "pending" | "complete" | "failed";

export class ApiTask<T> implements ReactiveController {
  status: TaskStatus = "initial";
  /** The last good answer; kept while a reload is pending so the view does not flash empty. */
  value: T | undefined;
  failure: ApiFailure | undefined;
  private controller: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly work: (signal: AbortSignal) => Promise<ApiResult<T>>,
  ) {
    host.addController(this);
  }

  async run(): Promise<void> {
    this.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.status = "pending";
    this.host.requestUpdate();
    try {
      const result = await this.work(controller.signal);
      if (controller.signal.aborted) return;
      if (result.ok) {
        this.value = result.value;
        this.failure = undefined;
        this.status = "complete";
      } else {
        this.failure = result.failure;
        this.status = "failed";
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      throw error;
    } finally {
      if (this.controller === controller) this.controller = null;
    }
    this.host.requestUpdate();
  }

  abort(): void {
    this.controller?.abort();
    this.controller = null;
  }

  hostDisconnected(): void {
    this.abort();
  }
}
