/**
 * Pure transforms: LinkedIn adAnalytics elements and entities → normalized rows and entities.
 * Hierarchy mapping: LinkedIn campaign group → our campaign, LinkedIn campaign → our ad group,
 * creative → our ad (same as dev/fakes/linkedin).
 */
import { fromDateParts, type IsoDate } from '../../lib/dates';
import { decimalToMicros, roundToSixDecimals } from '../../lib/money';
import type { EntityStatus, NormalizedDailyRow, NormalizedEntities, NormalizedMetrics } from '../types';
import type { LinkedInAnalyticsElement, LinkedInCampaign, LinkedInCampaignGroup, LinkedInCreative } from './api-types';
import { urnId } from './restli';

export class LinkedInMappingError extends Error {}

/**
 * Money strings are rounded half-up at the 6th decimal: "107.5300000000000335346" is a
 * binary-float artefact of 107.53 and becomes 107530000 micros. Cost is costInLocalCurrency
 * (the account currency); costInUsd is kept in extras because LinkedIn converts it at its own rate.
 */
export function mapLinkedInMetrics(element: LinkedInAnalyticsElement): NormalizedMetrics & { costInUsdMicros: number | null } {
  return {
    impressions: element.impressions ?? 0,
    clicks: element.clicks ?? 0,
    spendMicros: element.costInLocalCurrency === undefined ? 0 : decimalToMicros(element.costInLocalCurrency),
    conversions: element.externalWebsiteConversions === undefined ? 0 : roundToSixDecimals(element.externalWebsiteConversions),
    conversionValueMicros:
      element.conversionValueInLocalCurrency === undefined ? 0 : decimalToMicros(element.conversionValueInLocalCurrency),
    costInUsdMicros: element.costInUsd === undefined ? null : decimalToMicros(element.costInUsd),
  };
}

/** The single day of a DAILY element (start == end). */
export function mapLinkedInDate(element: LinkedInAnalyticsElement): IsoDate {
  const start = fromDateParts(element.dateRange.start);
  const end = element.dateRange.end ? fromDateParts(element.dateRange.end) : start;
  if (start !== end) throw new LinkedInMappingError(`element spans ${start}..${end}, expected DAILY granularity`);
  return start;
}

/** One CREATIVE x CAMPAIGN daily element → one row; the campaign's group comes from the adCampaigns listing. */
export function mapLinkedInDailyRow(element: LinkedInAnalyticsElement, groupOfCampaign: ReadonlyMap<string, string>): NormalizedDailyRow {
  const adId = element.pivotValues.map((v) => urnId(v, 'sponsoredCreative')).find((id) => id !== null);
  const adGroupId = element.pivotValues.map((v) => urnId(v, 'sponsoredCampaign')).find((id) => id !== null);
  if (!adId || !adGroupId) {
    throw new LinkedInMappingError(`element without creative and campaign pivots: ${element.pivotValues.join(', ')}`);
  }
  const campaignId = groupOfCampaign.get(adGroupId);
  if (!campaignId) throw new LinkedInMappingError(`campaign ${adGroupId} is not in the account's campaign list`);
  const { costInUsdMicros, ...metrics } = mapLinkedInMetrics(element);
  return {
    date: mapLinkedInDate(element),
    adId,
    adGroupId,
    campaignId,
    ...metrics,
    extras: costInUsdMicros === null ? {} : { costInUsdMicros },
  };
}

const STATUS_BY_LINKEDIN: Record<string, EntityStatus> = {
  ACTIVE: 'active',
  PAUSED: 'paused',
  DRAFT: 'paused',
  ARCHIVED: 'archived',
  COMPLETED: 'archived',
  CANCELED: 'archived',
  PENDING_DELETION: 'deleted',
  REMOVED: 'deleted',
};

/** ACTIVE → active; PAUSED/DRAFT → paused; ARCHIVED/COMPLETED/CANCELED → archived; REMOVED/PENDING_DELETION → deleted. */
export function mapLinkedInStatus(raw: string | undefined): { status: EntityStatus; rawStatus: string } {
  const rawStatus = raw ?? 'UNKNOWN';
  return { status: STATUS_BY_LINKEDIN[rawStatus] ?? 'paused', rawStatus };
}

/** campaign id → campaign group id, from campaign.campaignGroup URNs. */
export function mapCampaignGroups(campaigns: LinkedInCampaign[]): Map<string, string> {
  const groups = new Map<string, string>();
  for (const c of campaigns) {
    const groupId = urnId(c.campaignGroup, 'sponsoredCampaignGroup');
    if (!groupId) throw new LinkedInMappingError(`campaign ${c.id} has no campaign group URN: ${c.campaignGroup}`);
    groups.set(String(c.id), groupId);
  }
  return groups;
}

/** Campaign groups, campaigns and creatives → our campaigns, ad groups and ads. */
export function mapLinkedInEntities(input: {
  groups: LinkedInCampaignGroup[];
  campaigns: LinkedInCampaign[];
  creatives: LinkedInCreative[];
}): NormalizedEntities {
  const groupOf = mapCampaignGroups(input.campaigns);
  return {
    campaigns: input.groups.map((g) => ({ externalId: String(g.id), name: g.name ?? '', ...mapLinkedInStatus(g.status) })),
    adGroups: input.campaigns.map((c) => ({
      externalId: String(c.id),
      campaignId: groupOf.get(String(c.id))!,
      name: c.name ?? '',
      ...mapLinkedInStatus(c.status),
    })),
    ads: input.creatives.flatMap((creative) => {
      const adId = urnId(creative.id, 'sponsoredCreative');
      const adGroupId = urnId(creative.campaign, 'sponsoredCampaign');
      const campaignId = adGroupId ? groupOf.get(adGroupId) : undefined;
      // A creative of a campaign we did not list (other account) cannot be placed; leave it out.
      if (!adId || !adGroupId || !campaignId) return [];
      return [{ externalId: adId, adGroupId, campaignId, name: creative.name ?? '', ...mapLinkedInStatus(creative.intendedStatus) }];
    }),
  };
}
