#!/usr/bin/env node
// The one gate: build, type checks, then every vitest project (unit, workerd integration,
// browser end-to-end). The last line is the totals read from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = 'test-results/vitest.json';
const extra = process.argv.slice(2);

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${seconds}s)`);
  return ok;
}

mkdirSync('test-results', { recursive: true });
rmSync(report, { force: true });

const checks = [
  ['lint and format (biome ci)', 'npx', ['biome', 'ci', '.']],
  ['build (vite build)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['type check: node side (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['type check: worker (tsc)', 'npx', ['tsc', '-p', 'tsconfig.worker.json']],
  [
    'type check: app (svelte-check)',
    'npx',
    ['svelte-check', '--tsconfig', './tsconfig.app.json', '--threshold', 'error', '--output', 'human'],
  ],
];
const failedChecks = checks.filter(([label, cmd, args]) => !run(label, cmd, args)).map(([label]) => label);

run('tests (vitest: unit, workers, e2e)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(json);
  const pending = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  if (pending) console.log(`(${pending} skipped or todo tests)`);
} else {
  console.log('vitest wrote no JSON report: counting the run as failed');
  failed = 1;
}
failed += failedChecks.length;
if (failedChecks.length) console.log(`failed checks: ${failedChecks.join(', ')}`);
if (passed === 0) {
  console.log('no test passed: a run that executed nothing does not pass');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/** Suites that failed only because a test in them failed are already counted by numFailedTests. */
function countSuitesWithFailedTests(json) {
  return (json.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
}
