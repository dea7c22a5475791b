/**
 * Crashes on purpose at the k-th step of a run: every write to the store (a pending link, a commit), every write to
 * either system (create, update, archive) and every queue send counts as a step. A store write or a send "crashes"
 * before it happens; a write to a system after it happened (the system has the record, the worker never learns).
 */

import type { SidePort, Store } from "../../../worker/core/ports";
import type { SyncQueueProducer } from "../../../worker/messages/message";

export class InjectedCrash extends Error {
  override readonly name = "InjectedCrash";
}

export function crashPlan() {
  const plan = { crashAt: null as number | null, steps: [] as string[] };
  const step = (what: string) => {
    plan.steps.push(what);
    if (plan.crashAt === plan.steps.length)
      throw new InjectedCrash(`crash (injected) at step ${plan.steps.length}: ${what}`);
  };
  const before =
    <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      step(what);
      return call(...args);
    };
  const after =
    <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await call(...args);
      step(what);
      return result;
    };

  const wrapStore = (store: Store): Store => ({
    ...store,
    links: {
      ...store.links,
      insertPending: before("store insertPending", store.links.insertPending.bind(store.links)),
    },
    commit: before("store commit", store.commit.bind(store)),
  });
  const wrapSide = (side: SidePort): SidePort => ({
    ...side,
    feedPage: side.feedPage.bind(side),
    get: side.get.bind(side),
    findByMatchKey: side.findByMatchKey.bind(side),
    create: after(`${side.side} create`, side.create.bind(side)),
    update: after(`${side.side} update`, side.update.bind(side)),
    archive: after(`${side.side} archive`, side.archive.bind(side)),
  });
  const wrapQueue = (queue: SyncQueueProducer): SyncQueueProducer => ({
    send: before("queue send", queue.send.bind(queue)),
    sendBatch: before("queue sendBatch", queue.sendBatch.bind(queue)),
  });
  return { plan, overrides: { wrapStore, wrapSide, wrapQueue } };
}
