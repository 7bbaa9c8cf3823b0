import { describe, expect, it } from 'vitest';
import { parseWsBenchOptions, WS_BENCH_DEFAULTS } from './options';

describe('parseWsBenchOptions', () => {
  it('defaults to 1,000 clients and its own stack', () => {
    expect(parseWsBenchOptions([])).toEqual(WS_BENCH_DEFAULTS);
    expect(WS_BENCH_DEFAULTS.clients).toBe(1000);
    expect(WS_BENCH_DEFAULTS.appUrl).toBeNull();
  });

  it('reads --clients and --broadcasts with a space or an equals sign', () => {
    expect(parseWsBenchOptions(['--clients', '200', '--broadcasts=6'])).toMatchObject({ clients: 200, broadcasts: 6 });
  });

  it('refuses sizes that are not whole numbers in range, and unknown flags', () => {
    expect(() => parseWsBenchOptions(['--clients', '0'])).toThrow(/--clients/);
    expect(() => parseWsBenchOptions(['--clients', '1.5'])).toThrow(/--clients/);
    expect(() => parseWsBenchOptions(['--broadcasts'])).toThrow(/needs a value/);
    expect(() => parseWsBenchOptions(['--sockets', '5'])).toThrow(/unknown flag/);
  });

  it('reuses a running app only on this machine', () => {
    expect(parseWsBenchOptions(['--app-url', 'http://127.0.0.1:8787/']).appUrl).toBe('http://127.0.0.1:8787');
    expect(() => parseWsBenchOptions(['--app-url', 'http://example.com'])).toThrow(/127\.0\.0\.1/);
  });
});
