import { describe, expect, it } from 'vitest';
import { DEFAULT_INGEST, parseBenchOptions, QUICK_INGEST } from './options';

describe('parseBenchOptions', () => {
  it('uses the stated default size without flags or env', () => {
    const options = parseBenchOptions([], {});
    expect(options.ingest).toEqual(DEFAULT_INGEST);
    expect(options.ingest.accounts * options.ingest.adsPerAccount * options.ingest.days).toBe(360_000);
    expect(options.queryRuns).toBe(50);
  });

  it('switches to the quick size with --quick or BENCH_SIZE=quick', () => {
    expect(parseBenchOptions(['--quick'], {}).ingest).toEqual(QUICK_INGEST);
    expect(parseBenchOptions([], { BENCH_SIZE: 'quick' }).ingest).toEqual(QUICK_INGEST);
  });

  it('lets a flag override the env and the env override the default', () => {
    const options = parseBenchOptions(['--accounts=3'], { BENCH_ACCOUNTS: '7', BENCH_DAYS: '14' });
    expect(options.ingest.accounts).toBe(3);
    expect(options.ingest.days).toBe(14);
    expect(options.ingest.restatementDays).toBe(14);
  });

  it('accepts zero neighbour tenants but refuses zero accounts and unknown flags', () => {
    expect(parseBenchOptions(['--neighbours=0'], {}).neighbourTenants).toBe(0);
    expect(() => parseBenchOptions(['--accounts=0'], {})).toThrow(/accounts/);
    expect(() => parseBenchOptions(['--acounts=3'], {})).toThrow(/unknown flag --acounts/);
  });
});
