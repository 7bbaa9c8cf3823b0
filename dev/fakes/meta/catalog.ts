import type { FakeAccount, FakeAd, FakeAdGroup, FakeCampaign, World } from '../world/types';
import { adEffectiveStatus, adsetEffectiveStatus, campaignEffectiveStatus } from './statuses';

/** One Meta ad account's entities, indexed once per request. */
export interface AccountCatalog {
  account: FakeAccount;
  campaigns: FakeCampaign[];
  adsets: FakeAdGroup[];
  ads: FakeAd[];
  campaign(id: string): FakeCampaign | undefined;
  adset(id: string): FakeAdGroup | undefined;
  ad(id: string): FakeAd | undefined;
  effectiveStatus(kind: 'campaign' | 'adset' | 'ad', id: string): string;
}

export function loadCatalog(world: World, account: FakeAccount): AccountCatalog {
  const campaigns = world.campaigns('meta', account.id);
  const adsets = world.adGroups('meta', account.id);
  const ads = world.ads('meta', account.id);
  const campaignById = new Map(campaigns.map((c) => [c.id, c]));
  const adsetById = new Map(adsets.map((a) => [a.id, a]));
  const adById = new Map(ads.map((a) => [a.id, a]));
  return {
    account,
    campaigns,
    adsets,
    ads,
    campaign: (id) => campaignById.get(id),
    adset: (id) => adsetById.get(id),
    ad: (id) => adById.get(id),
    effectiveStatus(kind, id) {
      if (kind === 'campaign') return campaignEffectiveStatus(campaignById.get(id)!);
      if (kind === 'adset') {
        const adset = adsetById.get(id)!;
        return adsetEffectiveStatus(adset, campaignById.get(adset.campaignId));
      }
      const ad = adById.get(id)!;
      return adEffectiveStatus(ad, adsetById.get(ad.adGroupId), campaignById.get(ad.campaignId));
    },
  };
}

/** Local dates on which an ad can deliver, mirroring the world's rules (start, campaign end, status change). */
export function deliveryWindow(catalog: AccountCatalog, ad: FakeAd): { first: string; last?: string } {
  const campaign = catalog.campaign(ad.campaignId);
  const first = [ad.startDate, campaign?.startDate ?? ad.startDate, catalog.account.createdDate].sort().at(-1)!;
  const stops = [campaign?.endDate, ad.statusChangedDate ? previousDay(ad.statusChangedDate) : undefined]
    .filter((d): d is string => !!d)
    .sort();
  return { first, last: stops[0] };
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
