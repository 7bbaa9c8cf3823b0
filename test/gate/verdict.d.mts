/** What the gate reporter (gate-reporter.mjs) writes at the end of a vitest run. */
export interface GateReport {
  /** vitest's own end-of-run reason; it says "passed" even after a worker crashed. */
  reason: 'passed' | 'failed' | 'interrupted';
  /** One line per unhandled error (message and cause), as vitest collected them. */
  unhandledErrors: string[];
  /** Every project vitest resolved for this run, with the states of its tests (`other`: skipped, todo, never finished). */
  projects: Record<string, { passed: number; failed: number; other: number }>;
  /** Expected projects that the run's --project filter left out (vitest's own matching). */
  excludedByFilter: string[];
  /** Tests and suites refused because they are marked .only (the gate runs with --allowOnly=false). */
  onlyTests: number;
}

/** The fields of vitest's JSON report (`--reporter=json`) the verdict reads. */
export interface VitestJsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults?: { status: string; assertionResults?: { status: string }[] }[];
}

export interface GateRun {
  /** The vitest project names the gate requires to run at least one test. */
  expectedProjects: readonly string[];
  /** Labels of the non-vitest checks (lint, build, type checks) that failed. */
  failedChecks?: readonly string[];
  exit: { status: number | null; signal: string | null };
  vitestReport: VitestJsonReport | null;
  gateReport: GateReport | null;
}

export interface Verdict {
  passed: number;
  /** Failed tests plus one per other problem; the gate passes only at 0. */
  failed: number;
  /** One line per problem, printed before the totals. */
  reasons: string[];
}

export function judgeRun(run: GateRun): Verdict;
export function verdictLines(verdict: Verdict): string[];
