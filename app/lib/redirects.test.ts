import { describe, expect, it } from 'vitest';
import { safeNext } from './redirects';

describe('safeNext', () => {
  it('returns to a path on this site after sign-in', () => {
    expect(safeNext('/t/partner-a?from=2026-11-01&to=2026-11-07')).toBe('/t/partner-a?from=2026-11-01&to=2026-11-07');
  });

  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null])(
    'refuses %s and goes home instead',
    (next) => {
      expect(safeNext(next)).toBe('/');
    },
  );
});
