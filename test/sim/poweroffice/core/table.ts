/**
 * A table that remembers recent versions of each row, so reads can be served as PowerOffice's read replica serves
 * them: as the data stood `lagMs` ago. Writes and the primary view always see the latest version.
 */

interface Version<T> {
  /** undefined marks a delete. */
  row: T | undefined;
  /** Wall-clock ms from which a replica read sees this version; -Infinity for writes that skip the lag (seeding). */
  visibleAt: number;
}

export class VersionedTable<T> {
  private readonly rows = new Map<string, Version<T>[]>();

  constructor(
    private readonly nowMs: () => number,
    private readonly lagMs: number,
  ) {}

  /** The latest version (the primary database). */
  get(id: string): T | undefined {
    const versions = this.rows.get(id);
    return versions?.[versions.length - 1]?.row;
  }

  /** Every live row on the primary, in creation order. */
  values(): T[] {
    const out: T[] = [];
    for (const id of this.rows.keys()) {
      const row = this.get(id);
      if (row !== undefined) out.push(row);
    }
    return out;
  }

  /** The row as the replica sees it now. */
  replicaGet(id: string): T | undefined {
    const versions = this.rows.get(id);
    if (!versions) return undefined;
    const horizon = this.nowMs() - this.lagMs;
    for (let i = versions.length - 1; i >= 0; i--) {
      const version = versions[i]!;
      if (version.visibleAt <= horizon) return version.row;
    }
    return undefined;
  }

  /** Every row the replica sees now, in creation order. */
  replicaValues(): T[] {
    if (this.lagMs <= 0) return this.values();
    const out: T[] = [];
    for (const id of this.rows.keys()) {
      const row = this.replicaGet(id);
      if (row !== undefined) out.push(row);
    }
    return out;
  }

  /** Stores a copy of `row` as the newest version; `immediate` makes it visible to the replica at once. */
  put(id: string, row: T, immediate = false): void {
    this.append(id, { row: structuredClone(row), visibleAt: immediate ? Number.NEGATIVE_INFINITY : this.nowMs() });
  }

  delete(id: string, immediate = false): void {
    if (!this.rows.has(id)) return;
    this.append(id, { row: undefined, visibleAt: immediate ? Number.NEGATIVE_INFINITY : this.nowMs() });
  }

  private append(id: string, version: Version<T>): void {
    const versions = this.rows.get(id) ?? [];
    versions.push(version);
    this.rows.set(id, this.prune(versions));
  }

  // Keeps only the versions a replica read could still return: the newest visible one and anything newer.
  private prune(versions: Version<T>[]): Version<T>[] {
    const horizon = this.nowMs() - this.lagMs;
    let newestVisible = -1;
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i]!.visibleAt <= horizon) {
        newestVisible = i;
        break;
      }
    }
    return newestVisible > 0 ? versions.slice(newestVisible) : versions;
  }
}
