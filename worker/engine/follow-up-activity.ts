/**
 * A create's follow-up (the new record's id written back to its source, docs/sync-engine.md "Engine") is told in the
 * create's own activity entry, not in one of its own: it is part of the create, and every entry costs 4 D1 rows
 * written (worker/store/schema.md, "Rows written"), on every record of a first sync.
 */
import type { CommitActivity } from "../core/commit";
import type { Run } from "./run";

/**
 * Folds the follow-up's `updated` entries into the create's entry for `linkId`, while that entry is still this run's
 * to commit: its message gains theirs, and its changes gain the properties written back (a property the create
 * already names keeps the create's values). Returns the entries left to stage (any other kind, or all of them when
 * the create's entry is no longer there).
 */
export function foldIntoCreate(run: Run, entries: readonly CommitActivity[], linkId: number): CommitActivity[] {
  let at = run.activity.length - 1;
  while (at >= 0 && !(run.activity[at]?.linkId === linkId && run.activity[at]?.action === "created")) at--;
  const created = run.activity[at];
  if (!created) return [...entries];
  const folded = entries.filter((entry) => entry.action === "updated");
  if (folded.length === 0) return [...entries];
  run.activity[at] = {
    ...created,
    message: [created.message, ...folded.map((entry) => entry.message)].join(" "),
    changes: Object.assign({}, ...folded.map((entry) => entry.changes), created.changes),
  };
  return entries.filter((entry) => entry.action !== "updated");
}
