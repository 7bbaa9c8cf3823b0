import { describe, expect, it } from 'vitest';
import { connectionHealth } from './health';

const now = new Date('2026-11-29T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('connectionHealth', () => {
  it('warns a month before a LinkedIn refresh token’s fixed end, however fresh the access token', () => {
    expect(
      connectionHealth({ status: 'active', accessExpiresAt: days(59), refreshExpiresAt: days(20), hasRefreshToken: true }, now),
    ).toEqual({
      state: 'expiring',
      expiresAt: days(20).toISOString(),
      message: 'Access ends in 20 days: reconnect before then to keep syncing.',
    });
  });

  it('tracks a Meta long-lived token (no refresh) to its expiry', () => {
    expect(connectionHealth({ status: 'active', accessExpiresAt: days(45), refreshExpiresAt: null, hasRefreshToken: false }, now)).toEqual({
      state: 'ok',
    });
    expect(
      connectionHealth({ status: 'active', accessExpiresAt: days(6.5), refreshExpiresAt: null, hasRefreshToken: false }, now),
    ).toMatchObject({ state: 'expiring' });
    expect(
      connectionHealth({ status: 'active', accessExpiresAt: days(-1), refreshExpiresAt: null, hasRefreshToken: false }, now),
    ).toMatchObject({ state: 'needs_reauth' });
  });

  it('does not warn about a short-lived access token that a refresh token renews (Google)', () => {
    expect(connectionHealth({ status: 'active', accessExpiresAt: days(0.04), refreshExpiresAt: null, hasRefreshToken: true }, now)).toEqual(
      { state: 'ok' },
    );
  });

  it('reports a connection marked for re-auth', () => {
    expect(
      connectionHealth({ status: 'needs_reauth', accessExpiresAt: null, refreshExpiresAt: null, hasRefreshToken: true }, now),
    ).toMatchObject({ state: 'needs_reauth' });
  });
});
