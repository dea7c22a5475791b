/**
 * One writer per record: before a run sends a link's writes it claims the link (a lease `link:<id>`, taken only
 * while the link is still as the run read it), and it gives the claim back after its commit. A run that finds the
 * link claimed by another run leaves the record to it (deferred: the feed's cursor stays before it); a run whose
 * read is stale plans again from a fresh read.
 */
import { claimName, StaleLinkError } from "../core/ports";
import { needsPending, pendingWrite } from "./apply-writes";
import { CLAIM_TTL_MS } from "./limits";
import { retiredInto } from "./new-link";
import { forgetKnown, type HeldLink, type Run } from "./run";
import type { RecordOutcome } from "./sync-types";

export type Claim = "ours" | "busy" | "stale";

export async function claimLink(run: Run, link: HeldLink): Promise<Claim> {
  const own = await claimOne(run, link.id, link.rev ?? 0);
  return own === "ours" ? await claimTakenOver(run, link) : refused(run, link);
}

/** Another run holds the link's claim (busy), or wrote the link since this run read it (stale). */
async function refused(run: Run, link: HeldLink): Promise<Claim> {
  const stored = await run.store.links.get(link.id);
  const claim: Claim = stored && stored.rev !== link.rev ? "stale" : "busy";
  if (claim === "stale") {
    // Planned from an old read: what this run staged, read ahead and meant to take over for the link is dropped, and
    // it plans again from a fresh read (which finds the held link it meant to take over again, if it is still there).
    run.staged.delete(link.id);
    forgetTakeovers(run, link.id);
    run.known.clear();
    run.keyed.clear();
  }
  return claim;
}

/**
 * The claim before a create, taken in the same batch that writes the link pending with the create's reference
 * (`Commit.claim`): one request instead of two. Where the run holds the claim already, or the plan takes other links
 * over (claimed one by one), or the link is pending with that reference already, it is `claimLink`.
 */
export async function claimForCreate(
  run: Run,
  link: HeldLink,
  reference: string,
): Promise<{ claim: Claim; link: HeldLink }> {
  const name = claimName(link.id);
  const plain = run.deps.leases.has(name, run.id) || takeoversInto(run, link.id).length > 0;
  if (plain || !needsPending(link, reference) || link.rev === undefined) {
    return { claim: await claimLink(run, link), link };
  }
  const write = pendingWrite(run, link, reference);
  const now = run.now();
  const claim = { linkId: link.id, holder: run.id, ttlMs: CLAIM_TTL_MS, nowMs: now };
  try {
    await run.store.commit({
      links: [write],
      activity: [],
      claim,
      ...(run.deps.fence ? { fence: run.deps.fence } : {}),
    });
  } catch (error) {
    if (!(error instanceof StaleLinkError)) throw error;
    return { claim: await refused(run, link), link };
  }
  run.deps.leases.note(name, run.id, CLAIM_TTL_MS, now);
  run.claims.add(link.id);
  // A link this run gave the reference to: its create is a first attempt, not a retry (one that held the reference
  // already may have seen an earlier create go out, and stays a retry).
  if (link.reference !== reference) run.fresh.add(link.id);
  forgetKnown(run, write);
  return { claim: "ours", link: { ...write, rev: link.rev + 1 } };
}

async function claimOne(run: Run, id: number, rev: number): Promise<"ours" | "refused"> {
  const name = claimName(id);
  if (run.deps.leases.has(name, run.id)) return "ours";
  const now = run.now();
  if (!(await run.store.links.claim(id, rev, run.id, CLAIM_TTL_MS, now))) return "refused";
  run.deps.leases.note(name, run.id, CLAIM_TTL_MS, now);
  run.claims.add(id);
  return "ours";
}

/**
 * The links a first link takes over (a held link it drops, first-read.ts; a one-sided link it retires) are claimed too,
 * at the rev this run read them: the run of the partner's record links the same pair from that link, and only one of
 * the two may send the writes. One claimed by another run is busy; one gone or moved on is stale (the pair was linked
 * meanwhile: plan again).
 */
async function claimTakenOver(run: Run, link: HeldLink): Promise<Claim> {
  for (const { id, rev } of takeoversInto(run, link.id)) {
    if ((await claimOne(run, id, rev)) === "ours") continue;
    const stored = await run.store.links.get(id);
    return stored && stored.rev === rev ? "busy" : "stale";
  }
  return "ours";
}

/** The links a plan for link `into` takes over: held links it drops, and links it retires (new-link.ts). */
function takeoversInto(run: Run, into: number): Array<{ id: number; rev: number }> {
  const out = [...run.drops].filter(([, drop]) => drop.into === into).map(([id, drop]) => ({ id, rev: drop.rev }));
  for (const [id, staged] of run.staged) if (retiredInto(staged) === into) out.push({ id, rev: staged.rev ?? 0 });
  return out;
}

/**
 * Forgets the takeovers planned into link `into`: a plan that is given up (deferred, or planned again) neither drops
 * nor retires its partner's link, which stays as it is stored and is a candidate again.
 */
export function forgetTakeovers(run: Run, into: number): void {
  for (const [id, drop] of run.drops) if (drop.into === into) run.drops.delete(id);
  for (const [id, staged] of [...run.staged]) if (retiredInto(staged) === into) run.staged.delete(id);
}

export function deferred(run: Run, link: HeldLink): RecordOutcome {
  run.deferred = true;
  forgetTakeovers(run, link.id);
  const message = "Another sync run is writing this record right now; it is synced again once that run is done.";
  run.deps.log(`link ${link.id} (${link.dataflow}): ${message}`);
  return { linkId: link.id, state: link.state, message, written: 0, failed: false };
}

/** Gives back the run's claims once its commit is done (or failed): the next writer may go on at once. */
export async function releaseClaims(run: Run): Promise<void> {
  const ids = [...run.claims];
  run.claims.clear();
  for (const id of ids) await run.deps.leases.release(claimName(id));
}
