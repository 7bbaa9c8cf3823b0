import { describe, expect, it } from 'vitest';
import { endsWithTerminate, isAllowedTarget, parseProxyTarget, splitHostPort } from './ws-proxy-protocol';

describe('endsWithTerminate', () => {
  it('recognises a frame that ends with the Terminate message', () => {
    expect(endsWithTerminate(Uint8Array.from([0x58, 0, 0, 0, 4]))).toBe(true);
    expect(endsWithTerminate(Uint8Array.from([0x51, 0, 0, 0, 9, 0x58, 0, 0, 0, 4]))).toBe(true);
  });

  it('ignores frames that only contain those bytes elsewhere or are too short', () => {
    expect(endsWithTerminate(Uint8Array.from([0x58, 0, 0, 0, 4, 0x00]))).toBe(false);
    expect(endsWithTerminate(Uint8Array.from([0, 0, 0, 4]))).toBe(false);
    expect(endsWithTerminate(Uint8Array.from([0x58, 0, 0, 0, 5]))).toBe(false);
  });
});

describe('parseProxyTarget', () => {
  it('reads host:port from the Neon wsproxy path', () => {
    expect(parseProxyTarget('/v1?address=127.0.0.1:5432')).toBe('127.0.0.1:5432');
    expect(parseProxyTarget('/v1?address=LocalHost:5432')).toBe('localhost:5432');
  });

  it('rejects other paths, missing or malformed addresses', () => {
    for (const url of [
      undefined,
      '/',
      '/v2?address=127.0.0.1:5432',
      '/v1',
      '/v1?address=127.0.0.1',
      '/v1?address=a b:1',
      '/v1?address=x:1/..',
    ]) {
      expect(parseProxyTarget(url)).toBeNull();
    }
  });
});

describe('isAllowedTarget', () => {
  it('allows only exact configured targets', () => {
    expect(isAllowedTarget('127.0.0.1:5432', ['127.0.0.1:5432'])).toBe(true);
    expect(isAllowedTarget('127.0.0.1:5433', ['127.0.0.1:5432'])).toBe(false);
    expect(isAllowedTarget('10.0.0.1:5432', ['127.0.0.1:5432'])).toBe(false);
    expect(isAllowedTarget('127.0.0.1:5432', [])).toBe(false);
  });

  it('splits host and port', () => {
    expect(splitHostPort('db.internal:6543')).toEqual({ host: 'db.internal', port: 6543 });
  });
});
