/**
 * A `fetch` that routes by URL host to in-process simulators, e.g. `simFetch({ "poweroffice.sim": poSim })`.
 * A request to any other host rejects loudly, so a test can never reach the network by mistake.
 */

export interface Simulator {
  fetch(request: Request): Promise<Response>;
}

export type SimFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function simFetch(simulators: Record<string, Simulator>): SimFetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const host = new URL(request.url).host;
    const sim = simulators[host];
    if (!sim) {
      throw new Error(
        `simFetch: no simulator for host "${host}" (${request.method} ${request.url}); known: ${Object.keys(simulators).join(", ") || "none"}`,
      );
    }
    return sim.fetch(request);
  };
}
