#!/usr/bin/env node
// The one gate: lint, build, type checks, then every vitest project (unit, workerd integration,
// browser end-to-end). Extra arguments go to vitest (`node test/run.mjs --project unit`). The run
// fails on a failed check, a failed or pending test, an unhandled error (a crashed worker), a
// non-zero vitest exit, a `.only`, or an expected project that runs no test; a file filter without
// `--project` therefore fails for the projects it leaves empty. The last line is the totals
// read from vitest's JSON report (test-results/vitest.json), preceded by one line per problem.
import { spawnSync } from 'node:child_process';
import { verdictLines } from './gate/verdict.mjs';
import { runVitestGate } from './gate/vitest-gate.mjs';

/** The projects of the root vitest.config.ts; each must run at least one test. */
const PROJECTS = ['unit', 'workers', 'e2e'];

const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

function run(label, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  console.log(`${result.status === 0 ? '✔' : '✘'} ${label} (${seconds(started)}s)`);
  return result.status === 0;
}

function seconds(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

const checks = [
  ['lint and format (biome ci)', 'npx', ['biome', 'ci', '--error-on-warnings', '.']],
  ['build (vite build)', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['type check: node side (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['type check: worker (tsc)', 'npx', ['tsc', '-p', 'tsconfig.worker.json']],
  ['type check: worker and db unit tests (tsc)', 'npx', ['tsc', '-p', 'tsconfig.tests.json']],
  [
    'type check: app (svelte-check)',
    'npx',
    ['svelte-check', '--tsconfig', './tsconfig.app.json', '--threshold', 'error', '--output', 'human'],
  ],
];
const failedChecks = checks.filter(([label, cmd, args]) => !run(label, cmd, args)).map(([label]) => label);

const label = `tests (vitest: ${PROJECTS.join(', ')})`;
const started = Date.now();
console.log(`\n▶ ${label}`);
const verdict = await runVitestGate({ vitestArgs: process.argv.slice(2), expectedProjects: PROJECTS, failedChecks, env });
const testsFailed = verdict.failed - failedChecks.length > 0;
console.log(`${testsFailed ? '✘' : '✔'} ${label} (${seconds(started)}s)\n`);
for (const line of verdictLines(verdict)) console.log(line);
process.exit(verdict.failed === 0 ? 0 : 1);
