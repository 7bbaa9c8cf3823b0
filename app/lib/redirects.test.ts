import { describe, expect, it } from 'vitest';
import { safeNext } from './redirects';

const origin = 'https://app.tidemark.test';

describe('safeNext', () => {
  it.each([
    ['a dashboard with its range', '/t/partner-a?from=2026-11-01&to=2026-11-07', '/t/partner-a?from=2026-11-01&to=2026-11-07'],
    ['a path with a fragment', '/t/partner-a/pipeline#dead-letters', '/t/partner-a/pipeline#dead-letters'],
    ['an absolute URL on this origin', 'https://app.tidemark.test/tenants', '/tenants'],
    ['a path with an encoded slash, kept encoded', '/%2F/evil.example', '/%2F/evil.example'],
  ])('returns to %s after sign-in', (_, next, expected) => {
    expect(safeNext(next, origin)).toBe(expected);
  });

  it.each([
    ['another origin', 'https://evil.example'],
    ['a scheme-relative URL', '//evil.example'],
    ['a slash and a backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['a tab between the slashes', '/\t/evil.example'],
    ['a newline between the slashes', '/\n/evil.example'],
    ['a carriage return between the slashes', '/\r\n/evil.example'],
    ['a leading space', ' //evil.example'],
    ['a dot segment that collapses into two slashes', '/.//evil.example'],
    ['an encoded dot segment', '/%2e//evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a javascript: URL with a tab in the scheme', 'java\tscript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['this host over another scheme', 'http://app.tidemark.test/tenants'],
    ['this host on another port', 'https://app.tidemark.test:8443/tenants'],
    ['credentials before another host', 'https://app.tidemark.test@evil.example/'],
    ['an empty value', ''],
    ['no value', null],
  ])('refuses %s and goes home instead', (_, next) => {
    expect(safeNext(next, origin)).toBe('/');
  });
});
