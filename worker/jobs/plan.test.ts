import { describe, expect, it } from 'vitest';
import { laneForCron, NIGHTLY_CRON, planSyncMessage } from './plan';

const target = { tenantId: 't', adAccountId: 'a', platform: 'linkedin' as const, timeZone: 'Europe/Berlin' };
const days = { meta: 28, google_ads: 14, linkedin: 30 };

describe('planSyncMessage', () => {
  it('runs the settling lane on the nightly trigger with the platform’s configured lookback', () => {
    expect(laneForCron(NIGHTLY_CRON)).toBe('settling');
    expect(laneForCron('*/15 * * * *')).toBe('hot');
    const message = planSyncMessage('settling', target, new Date('2026-11-29T02:30:00Z'), days);
    expect(message).toMatchObject({ lane: 'settling', from: '2026-10-30', to: '2026-11-27', cursor: null });
  });

  it('plans the hot lane as yesterday and today in the account zone', () => {
    expect(planSyncMessage('hot', target, new Date('2026-11-29T23:30:00Z'), days)).toMatchObject({
      lane: 'hot',
      from: '2026-11-29',
      to: '2026-11-30',
    });
  });
});
