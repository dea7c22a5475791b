/** One HTTP attempt with a deadline, read to the end, and what a lost answer is (timed out, or fetch itself failed). */

/** Any fetch that takes a Request: the global one, or an in-process simulator's. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** No answer to read: the request may or may not have reached the other side. */
export type LostAnswer = { ok: false; timedOut: boolean; cause: string };

export type Attempt = { ok: true; response: RawResponse } | LostAnswer;

/** Sends the request `build` makes with an abort signal, and waits at most `timeoutMs` for the whole answer. */
export async function fetchWithTimeout(
  fetch: FetchLike,
  build: (signal: AbortSignal) => Request,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A real timer, not the connector's sleep: a fake clock in tests must not time requests out. The race also covers
  // a fetch that ignores the abort signal (an in-process simulator may).
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const answer = fetch(build(controller.signal)).then(
      async (res): Promise<RawResponse> => ({ status: res.status, headers: res.headers, body: await res.text() }),
    );
    const outcome = await Promise.race([answer, timeout]);
    if (outcome === "timeout") return { ok: false, timedOut: true, cause: `no answer within ${formatMs(timeoutMs)}` };
    return { ok: true, response: outcome };
  } catch (error) {
    return { ok: false, timedOut: false, cause: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
