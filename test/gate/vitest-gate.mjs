// The vitest half of the gate: run vitest with the gate's flags and reporters, read both reports,
// judge the run. test/run.mjs calls it after its checks; the gate's own tests call it on fixtures.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATE_PROJECTS_ENV, GATE_REPORT_ENV } from './gate-reporter.mjs';
import { judgeRun } from './verdict.mjs';

const vitestCli = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const gateReporter = fileURLToPath(new URL('./gate-reporter.mjs', import.meta.url));

/** @param {import('./vitest-gate.d.mts').VitestGateOptions} options */
export async function runVitestGate({
  vitestArgs = [],
  expectedProjects,
  failedChecks = [],
  resultsDir = 'test-results',
  cwd = process.cwd(),
  env = process.env,
  stdio = 'inherit',
}) {
  const results = path.resolve(cwd, resultsDir);
  const jsonReport = path.join(results, 'vitest.json');
  const gateReport = path.join(results, 'vitest-gate.json');
  mkdirSync(results, { recursive: true });
  rmSync(jsonReport, { force: true });
  rmSync(gateReport, { force: true });

  const args = [
    vitestCli,
    'run',
    ...vitestArgs,
    '--allowOnly=false',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonReport}`,
    `--reporter=${gateReporter}`,
  ];
  const child = spawn(process.execPath, args, {
    cwd,
    stdio,
    env: { ...env, [GATE_REPORT_ENV]: gateReport, [GATE_PROJECTS_ENV]: JSON.stringify(expectedProjects) },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exit = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal }));
  });

  const verdict = judgeRun({ expectedProjects, failedChecks, exit, vitestReport: readJson(jsonReport), gateReport: readJson(gateReport) });
  return { ...verdict, output };
}

/** A missing or cut-off report reads as null: the verdict counts it as a failure. */
function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
