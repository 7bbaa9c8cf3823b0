import { describe, expect, it } from 'vitest';
import { connectOutcome } from './app-client';

describe('connectOutcome', () => {
  it('reads the platform and account count from the dashboard the callback lands on', () => {
    expect(connectOutcome(new URL('http://127.0.0.1:8787/t/abc?connected=meta&accounts=2'))).toEqual({
      ok: true,
      platform: 'meta',
      accounts: 2,
    });
  });

  it('reports the error the callback put in the URL', () => {
    expect(connectOutcome(new URL('http://127.0.0.1:8787/t/abc?connect_error=The+user+denied+access'))).toEqual({
      ok: false,
      error: 'The user denied access',
    });
  });

  it('treats any other landing page as a failure', () => {
    const outcome = connectOutcome(new URL('http://127.0.0.1:8787/login?next=%2Ft%2Fabc'));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toContain('/login');
  });
});
