import { describe, expect, it } from 'vitest';
import { planAccessToken, REFRESH_MARGIN_MS } from './access-token';

const now = new Date('2026-11-29T15:00:00Z');
const expiringIn = (ms: number | null) => ({
  accessExpiresAt: ms === null ? null : new Date(now.getTime() + ms),
  refreshTokenEnc: 'v1.x.y',
});

describe('planAccessToken', () => {
  it('uses a token that lives longer than the refresh margin, or has no recorded expiry', () => {
    expect(planAccessToken(expiringIn(REFRESH_MARGIN_MS), true, now)).toBe('use');
    expect(planAccessToken(expiringIn(3_600_000), true, now)).toBe('use');
    expect(planAccessToken(expiringIn(null), true, now)).toBe('use');
  });

  it('refreshes a token inside the margin or already expired, when the platform and the connection can', () => {
    expect(planAccessToken(expiringIn(REFRESH_MARGIN_MS - 1), true, now)).toBe('refresh');
    expect(planAccessToken(expiringIn(-60_000), true, now)).toBe('refresh');
  });

  it('gives up on an expiring token without a refresh token or on a platform without refresh (Meta)', () => {
    expect(planAccessToken({ ...expiringIn(60_000), refreshTokenEnc: null }, true, now)).toBe('reconnect');
    expect(planAccessToken(expiringIn(60_000), false, now)).toBe('reconnect');
  });

  it('refreshes a token the platform refused, however long it should still live', () => {
    expect(planAccessToken(expiringIn(3_600_000), true, now, true)).toBe('refresh');
    expect(planAccessToken(expiringIn(null), true, now, true)).toBe('refresh');
    expect(planAccessToken(expiringIn(3_600_000), false, now, true)).toBe('reconnect');
  });
});
