import { describe, expect, it } from 'vitest';
import { type GateRun, judgeRun, verdictLines } from '../gate/verdict.mjs';

/** A run of two projects in which everything went right; each test breaks one thing. */
function cleanRun(): GateRun {
  return {
    expectedProjects: ['unit', 'workers'],
    exit: { status: 0, signal: null },
    vitestReport: {
      numTotalTests: 3,
      numPassedTests: 3,
      numFailedTests: 0,
      testResults: [
        { status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'passed' }] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    },
    gateReport: {
      reason: 'passed',
      unhandledErrors: [],
      projects: { unit: { passed: 2, failed: 0, other: 0 }, workers: { passed: 1, failed: 0, other: 0 } },
      excludedByFilter: [],
      onlyTests: 0,
    },
  };
}

const lines = (run: GateRun) => verdictLines(judgeRun(run));

describe('the gate verdict', () => {
  it('passes a clean run with the totals as its only line', () => {
    expect(lines(cleanRun())).toEqual(['3 passed, 0 failed']);
  });

  it('counts failed tests from the JSON report', () => {
    const run = cleanRun();
    run.vitestReport = { ...run.vitestReport!, numPassedTests: 1, numFailedTests: 2 };
    run.exit.status = 1;
    expect(lines(run)).toEqual(['2 tests failed', 'vitest exited with status 1', '1 passed, 2 failed']);
  });

  it('counts a file that failed outside its tests, like an import error', () => {
    const run = cleanRun();
    run.vitestReport!.testResults!.push({ status: 'failed', assertionResults: [] });
    run.exit.status = 1;
    expect(lines(run)).toEqual([
      '1 test file failed outside a test (import error or failing hook)',
      'vitest exited with status 1',
      '3 passed, 1 failed',
    ]);
  });

  it('counts tests that never finished, which vitest leaves out of its pending count', () => {
    const run = cleanRun();
    // What vitest 4.1 writes when a worker dies mid-file: no failure, no pending test, success true.
    run.vitestReport = { ...run.vitestReport!, numTotalTests: 6 };
    run.gateReport!.unhandledErrors = ['[vitest-pool]: Worker forks emitted error. (cause: Worker exited unexpectedly)'];
    run.exit.status = 1;
    expect(lines(run)).toEqual([
      '3 tests pending (skipped, todo or never run)',
      '1 unhandled error (first: [vitest-pool]: Worker forks emitted error. (cause: Worker exited unexpectedly))',
      'vitest exited with status 1',
      '3 passed, 4 failed',
    ]);
  });

  it('fails a non-zero vitest exit that nothing else explains', () => {
    const run = cleanRun();
    run.exit.status = 2;
    expect(lines(run)).toEqual(['vitest exited with status 2', '3 passed, 1 failed']);
  });

  it('fails a vitest stopped by a signal', () => {
    const run = cleanRun();
    run.exit = { status: null, signal: 'SIGTERM' };
    expect(lines(run)).toEqual(['vitest was stopped by SIGTERM', '3 passed, 1 failed']);
  });

  it('fails an interrupted run', () => {
    const run = cleanRun();
    run.gateReport!.reason = 'interrupted';
    expect(lines(run)).toEqual(['the test run was interrupted', '3 passed, 1 failed']);
  });

  it('fails when vitest wrote neither report', () => {
    const run = cleanRun();
    run.vitestReport = null;
    run.gateReport = null;
    run.exit.status = 1;
    expect(lines(run)).toEqual([
      'vitest wrote no readable JSON report',
      'vitest ended without writing the gate report (it stopped before the end of the run)',
      'vitest exited with status 1',
      'no test passed: a run that executed nothing does not pass',
      '0 passed, 2 failed',
    ]);
  });

  it('fails an expected project that ran no tests or only skipped ones', () => {
    const run = cleanRun();
    run.gateReport!.projects.workers = { passed: 0, failed: 0, other: 2 };
    run.vitestReport = { ...run.vitestReport!, numTotalTests: 4, numPassedTests: 2 };
    expect(lines(run)).toEqual(['2 tests pending (skipped, todo or never run)', 'project "workers" ran no tests', '2 passed, 3 failed']);
  });

  it('fails an expected project that vitest does not have, and a project the gate does not expect', () => {
    const run = cleanRun();
    run.gateReport!.projects = { unit: { passed: 2, failed: 0, other: 0 }, integration: { passed: 1, failed: 0, other: 0 } };
    expect(lines(run)).toEqual([
      'project "workers" is not configured in vitest (the root vitest.config.ts projects)',
      'project "integration" is configured but not expected by the gate (test/run.mjs)',
      '3 passed, 2 failed',
    ]);
  });

  it('does not require a project that the --project filter left out', () => {
    const run = cleanRun();
    run.gateReport!.projects = { unit: { passed: 3, failed: 0, other: 0 } };
    run.gateReport!.excludedByFilter = ['workers'];
    expect(lines(run)).toEqual(['3 passed, 0 failed']);
  });

  it('fails a --project filter that selects none of the expected projects', () => {
    const run = cleanRun();
    run.gateReport!.projects = {};
    run.gateReport!.excludedByFilter = ['unit', 'workers'];
    run.vitestReport = { numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, testResults: [] };
    expect(lines(run)).toEqual([
      "the --project filter selects none of the gate's projects (unit, workers)",
      'no test passed: a run that executed nothing does not pass',
      '0 passed, 1 failed',
    ]);
  });

  it('names a refused .only without counting its failed test twice', () => {
    const run = cleanRun();
    run.vitestReport = { ...run.vitestReport!, numTotalTests: 4, numPassedTests: 2, numFailedTests: 1 };
    run.gateReport!.onlyTests = 1;
    run.exit.status = 1;
    expect(lines(run)).toEqual([
      '1 test or suite marked .only (the gate runs with --allowOnly=false)',
      '1 test failed',
      '1 test pending (skipped, todo or never run)',
      'vitest exited with status 1',
      '2 passed, 2 failed',
    ]);
  });

  it('counts each failed check before vitest and names them', () => {
    const run = cleanRun();
    run.failedChecks = ['lint and format (biome ci)', 'type check: worker (tsc)'];
    expect(lines(run)).toEqual(['failed checks: lint and format (biome ci), type check: worker (tsc)', '3 passed, 2 failed']);
  });
});
