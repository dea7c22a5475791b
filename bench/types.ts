/** One row of the bench table. `met: null` means not measured (value says why), never a guessed figure. */
export interface BenchRow {
  figure: string;
  value: string;
  target: string;
  met: boolean | null;
  setup: string;
  /** Raw measured numbers, for the JSON file. */
  data?: Record<string, unknown>;
}

export interface Benchmark {
  id: string;
  title: string;
  run: () => Promise<BenchRow[]>;
}

export const notMeasured = (figure: string, target: string, reason: string): BenchRow => ({
  figure,
  value: "not measured yet",
  target,
  met: null,
  setup: reason,
});
