// The gate's verdict as pure logic: what vitest reported (exit status, its JSON report, the gate
// reporter's file) plus the checks that ran before it -> totals and the reasons the run fails.
// Types: verdict.d.mts. Every way a run can go wrong adds to `failed`, so the gate exits 0 only
// when `failed` is 0.

/** @param {import('./verdict.d.mts').GateRun} run @returns {import('./verdict.d.mts').Verdict} */
export function judgeRun({ expectedProjects, failedChecks = [], exit, vitestReport, gateReport }) {
  const problems = [];
  const note = (count, reason) => problems.push({ count, reason });
  const counted = () => problems.reduce((sum, p) => sum + p.count, 0);

  // Only an explanation: the refused .only already fails its test.
  const only = gateReport?.onlyTests ?? 0;
  if (only) note(0, `${plural(only, 'test or suite', 'tests or suites')} marked .only (the gate runs with --allowOnly=false)`);
  const passed = vitestReport?.numPassedTests ?? 0;
  if (vitestReport) {
    const failedTests = vitestReport.numFailedTests ?? 0;
    if (failedTests) note(failedTests, `${plural(failedTests, 'test')} failed`);
    const brokenFiles = countFilesFailedOutsideTests(vitestReport);
    if (brokenFiles) note(brokenFiles, `${plural(brokenFiles, 'test file')} failed outside a test (import error or failing hook)`);
    // Counted from the totals: vitest's own pending count misses the tests of a file whose worker died.
    const notRun = (vitestReport.numTotalTests ?? 0) - passed - failedTests;
    if (notRun) note(notRun, `${plural(notRun, 'test')} pending (skipped, todo or never run)`);
  } else {
    note(1, 'vitest wrote no readable JSON report');
  }

  if (gateReport) {
    const errors = gateReport.unhandledErrors;
    if (errors.length) note(errors.length, `${plural(errors.length, 'unhandled error')} (first: ${errors[0]})`);
    if (gateReport.reason === 'interrupted') note(1, 'the test run was interrupted');
    for (const reason of projectProblems(expectedProjects, gateReport)) note(1, reason);
  } else {
    note(1, 'vitest ended without writing the gate report (it stopped before the end of the run)');
  }

  // A non-zero exit is usually explained above; on its own it still fails the run.
  const unexplained = counted() === 0 ? 1 : 0;
  if (exit.signal) note(unexplained, `vitest was stopped by ${exit.signal}`);
  else if (exit.status !== 0) note(unexplained, `vitest exited with status ${exit.status}`);

  if (failedChecks.length) note(failedChecks.length, `failed checks: ${failedChecks.join(', ')}`);
  if (passed === 0) note(counted() === 0 ? 1 : 0, 'no test passed: a run that executed nothing does not pass');

  return { passed, failed: counted(), reasons: problems.map((p) => p.reason) };
}

/** The reason lines, then the fixed-form last line the README promises. */
export function verdictLines(verdict) {
  return [...verdict.reasons, `${verdict.passed} passed, ${verdict.failed} failed`];
}

/** Every project the gate expects (and the run's --project filter kept) must run a test; no project may be unknown. */
function projectProblems(expectedProjects, gateReport) {
  const reasons = [];
  const configured = gateReport.projects;
  for (const name of expectedProjects) {
    if (gateReport.excludedByFilter.includes(name)) continue;
    const counts = configured[name];
    if (!counts) reasons.push(`project "${name}" is not configured in vitest (the root vitest.config.ts projects)`);
    else if (counts.passed + counts.failed === 0) reasons.push(`project "${name}" ran no tests`);
  }
  for (const name of Object.keys(configured)) {
    if (!expectedProjects.includes(name)) reasons.push(`project "${name}" is configured but not expected by the gate (test/run.mjs)`);
  }
  if (expectedProjects.every((name) => gateReport.excludedByFilter.includes(name))) {
    reasons.push(`the --project filter selects none of the gate's projects (${expectedProjects.join(', ')})`);
  }
  return reasons;
}

/** Files vitest marks failed without a failed test in them: the error is in an import or a hook. */
function countFilesFailedOutsideTests(vitestReport) {
  return (vitestReport.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}

function plural(count, noun, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}
