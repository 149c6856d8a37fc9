// Prints one closing line, "N passed, N failed, N skipped", after jest's own summary, so that
// tools which read a run's last line see the counts in a plain form.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const skipped = numPendingTests + numTodoTests;
    process.stderr.write(
      `\n${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}

module.exports = SummaryReporter;
