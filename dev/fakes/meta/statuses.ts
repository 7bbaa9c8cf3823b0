import type { EntityStatus, FakeAd, FakeAdGroup, FakeCampaign } from '../world/types';

/** Meta's effective_status: the object's own status unless a parent stops it (CAMPAIGN_PAUSED, ADSET_PAUSED). */
export function campaignEffectiveStatus(campaign: FakeCampaign): string {
  return campaign.status;
}

export function adsetEffectiveStatus(adset: FakeAdGroup, campaign: FakeCampaign | undefined): string {
  if (adset.status !== 'ACTIVE') return adset.status;
  return inherited(campaign?.status, 'CAMPAIGN_PAUSED') ?? 'ACTIVE';
}

export function adEffectiveStatus(ad: FakeAd, adset: FakeAdGroup | undefined, campaign: FakeCampaign | undefined): string {
  if (ad.status !== 'ACTIVE') return ad.status;
  return inherited(campaign?.status, 'CAMPAIGN_PAUSED') ?? inherited(adset?.status, 'ADSET_PAUSED') ?? 'ACTIVE';
}

function inherited(parent: EntityStatus | undefined, pausedAs: string): string | undefined {
  if (parent === 'PAUSED') return pausedAs;
  if (parent === 'ARCHIVED' || parent === 'DELETED') return parent;
  return undefined;
}
