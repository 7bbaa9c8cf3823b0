// A vitest reporter that records what the JSON report leaves out: unhandled errors (a crashed
// worker), which projects ran which tests, and the end-of-run reason. The gate passes the output
// path and its expected project names in the environment (see vitest-gate.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const GATE_REPORT_ENV = 'TIDEMARK_GATE_REPORT';
export const GATE_PROJECTS_ENV = 'TIDEMARK_GATE_PROJECTS';

// The only trace vitest leaves of a `.only` refused by --allowOnly=false is this error message.
const ONLY_REFUSED = 'Unexpected .only modifier';

export default class GateReporter {
  onInit(vitest) {
    this.outputFile = process.env[GATE_REPORT_ENV];
    if (!this.outputFile) throw new Error(`gate-reporter: set ${GATE_REPORT_ENV} to the file to write`);
    this.expectedProjects = JSON.parse(process.env[GATE_PROJECTS_ENV] ?? '[]');
    this.vitest = vitest;
  }

  onTestRunEnd(testModules, unhandledErrors, reason) {
    /** @type {import('./verdict.d.mts').GateReport} */
    const report = {
      reason,
      unhandledErrors: unhandledErrors.map(describeError),
      projects: Object.fromEntries(this.vitest.projects.map((project) => [project.name, { passed: 0, failed: 0, other: 0 }])),
      excludedByFilter: this.expectedProjects.filter((name) => !this.vitest.matchesProjectFilter(name)),
      onlyTests: 0,
    };
    for (const testModule of testModules) {
      const name = testModule.project.name;
      report.projects[name] ??= { passed: 0, failed: 0, other: 0 };
      const counts = report.projects[name];
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed') counts[state] += 1;
        else counts.other += 1;
      }
      for (const task of [...testModule.children.allSuites(), ...testModule.children.allTests()]) {
        if (errorsOf(task).some((error) => error.message?.includes(ONLY_REFUSED))) report.onlyTests += 1;
      }
    }
    mkdirSync(path.dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(report, null, 2)}\n`);
  }
}

function errorsOf(task) {
  return task.type === 'test' ? (task.result().errors ?? []) : task.errors();
}

function describeError(error) {
  const cause = error.cause?.message ? ` (cause: ${error.cause.message})` : '';
  return `${error.message ?? String(error)}${cause}`;
}
