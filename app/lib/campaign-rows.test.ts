import { describe, expect, it } from 'vitest';
import { mapCampaignRows } from './campaign-rows';

const base = { adAccountId: 'acc-1', campaignId: '120', campaignName: 'Winter sale', impressions: 4_000, clicks: 80, conversions: 0 };

describe('mapCampaignRows', () => {
  it('derives CTR, CPC and CPA from the campaign sums in the account currency', () => {
    const [row] = mapCampaignRows([{ ...base, platform: 'google_ads', currency: 'JPY', spendMicros: 12_000_000_000, conversions: 3 }]);
    expect(row).toMatchObject({ platform: 'Google Ads', spend: '¥12,000', ctr: '2.00%', cpc: '¥150', cpa: '¥4,000' });
  });

  it('shows a dash for cost per conversion when there were none', () => {
    const [row] = mapCampaignRows([{ ...base, platform: 'meta', currency: 'USD', spendMicros: 50_000_000 }]);
    expect(row?.cpa).toBe('—');
    expect(row?.conversions).toBe('0');
  });

  it('keys rows by account and campaign so equal campaign ids on two accounts stay apart', () => {
    const rows = mapCampaignRows([
      { ...base, platform: 'meta', currency: 'USD', spendMicros: 1 },
      { ...base, adAccountId: 'acc-2', platform: 'meta', currency: 'USD', spendMicros: 1 },
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
});
