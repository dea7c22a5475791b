/** Prints the plain closing line CI reads ("tests: N passed, N failed, N skipped") after vitest's own summary. */
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // A file that failed to load has no tests: count it as a failure so the line never reads green by accident.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
    }
    // An unhandled error fails the run even when every test passed: the line must not read green then either.
    failed += unhandledErrors.length;
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
