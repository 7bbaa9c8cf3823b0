import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verdictLines } from '../gate/verdict.mjs';
import { runVitestGate } from '../gate/vitest-gate.mjs';

// The gate's vitest half, end to end: real vitest runs on the small projects in test/gate/fixtures
// (alpha and beta), judged exactly as test/run.mjs judges the real ones.
const fixtures = fileURLToPath(new URL('../gate/fixtures', import.meta.url));
const resultsRoot = mkdtempSync(path.join(os.tmpdir(), 'tidemark-gate-'));
afterAll(() => rmSync(resultsRoot, { recursive: true, force: true }));

async function gateLines(fixture: string, ...vitestArgs: string[]): Promise<string[]> {
  const verdict = await runVitestGate({
    vitestArgs: ['--config', path.join(fixtures, `${fixture}.config.mjs`), '--root', fixtures, ...vitestArgs],
    expectedProjects: ['alpha', 'beta'],
    resultsDir: path.join(resultsRoot, fixture),
    stdio: 'pipe',
  });
  return verdictLines(verdict);
}

describe('the test gate on real vitest runs', () => {
  it('passes a run in which every project passes its tests', async () => {
    expect(await gateLines('clean')).toEqual(['2 passed, 0 failed']);
  });

  it('fails a run whose test file kills its worker, although vitest counts no failed test', async () => {
    expect(await gateLines('crash')).toEqual([
      '3 tests pending (skipped, todo or never run)',
      expect.stringMatching(/^1 unhandled error \(first: .*Worker exited unexpectedly/),
      'vitest exited with status 1',
      '2 passed, 4 failed',
    ]);
  });

  it('fails a run in which a project include matches no file', async () => {
    expect(await gateLines('empty')).toEqual(['project "beta" ran no tests', '1 passed, 1 failed']);
  });

  it('fails a run with a stray .only and names it', async () => {
    expect(await gateLines('only')).toEqual([
      '1 test or suite marked .only (the gate runs with --allowOnly=false)',
      '1 test failed',
      '1 test pending (skipped, todo or never run)',
      'vitest exited with status 1',
      '2 passed, 2 failed',
    ]);
  });

  it('requires only the projects that a --project argument selects', async () => {
    expect(await gateLines('empty', '--project', 'alpha')).toEqual(['1 passed, 0 failed']);
  });
});
