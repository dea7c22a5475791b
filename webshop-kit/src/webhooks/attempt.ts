/**
 * One delivery attempt: POST the signed event, wait at most the timeout, and say in words what went wrong (the
 * receiver's answer starts the message, so a shop developer reading `lastError` sees e.g. the worker's reason for a 401).
 */
import type { AttemptOutcome } from "./schedule.js";

export type Fetch = (request: Request) => Promise<Response>;

/** How much of an error answer's body `lastError` quotes. */
const QUOTED_BODY_CHARS = 300;

export async function attempt(fetch: Fetch, request: Request, timeoutMs: number): Promise<AttemptOutcome> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const answer = await Promise.race([fetch(new Request(request, { signal: abort.signal })), timedOut]);
    if (answer === "timeout") {
      abort.abort();
      return { kind: "failed", problem: `${request.url} gave no answer within ${timeoutMs / 1000} s` };
    }
    if (answer.ok) {
      await answer.body?.cancel().catch(() => {});
      return { kind: "delivered", status: answer.status };
    }
    const said = await quote(answer);
    const problem = `${request.url} answered ${answer.status}${said ? `: ${said}` : ""}`;
    return answer.status === 410
      ? { kind: "gone", problem: `${problem} (410 Gone: the endpoint takes no more events)` }
      : { kind: "failed", problem };
  } catch (error) {
    return { kind: "failed", problem: `${request.url} could not be reached: ${describe(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The start of an error answer's body, read no further than needed (an error page may be large). */
async function quote(answer: Response): Promise<string> {
  const reader = answer.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length <= QUOTED_BODY_CHARS) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch {
    // What was read so far is still worth quoting.
  } finally {
    await reader.cancel().catch(() => {});
  }
  text = text.replace(/\s+/g, " ").trim();
  return text.length > QUOTED_BODY_CHARS ? `${text.slice(0, QUOTED_BODY_CHARS)}…` : text;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
