/**
 * World entities in LinkedIn's shapes. The world's hierarchy is campaign > adGroup > ad; LinkedIn's
 * is campaign group > campaign > creative, so: world campaign → campaign GROUP, world adGroup →
 * CAMPAIGN, world ad → CREATIVE. Ids are kept, so a world id is the LinkedIn id of its counterpart.
 */
import { addDays, zonedMidnight } from '../world/dates';
import type { EntityStatus, FakeAccount, FakeAd, FakeAdGroup, FakeCampaign } from '../world/types';

export const urn = {
  account: (id: string) => `urn:li:sponsoredAccount:${id}`,
  campaignGroup: (id: string) => `urn:li:sponsoredCampaignGroup:${id}`,
  campaign: (id: string) => `urn:li:sponsoredCampaign:${id}`,
  creative: (id: string) => `urn:li:sponsoredCreative:${id}`,
  /** Creatives point at the post they promote; the fake derives a 19-digit share id from the creative id. */
  share: (creativeId: string) => `urn:li:share:7${creativeId.padStart(18, '0')}`,
};

/** The creative id a share URN was derived from (inverse of `urn.share`). */
export function creativeIdOfShare(shareId: string): string {
  return String(Number(shareId.slice(1)));
}

export type LinkedInEntityStatus = 'ACTIVE' | 'PAUSED' | 'ARCHIVED' | 'COMPLETED' | 'CANCELED' | 'DRAFT' | 'PENDING_DELETION' | 'REMOVED';
export const CAMPAIGN_STATUSES: readonly LinkedInEntityStatus[] = [
  'ACTIVE',
  'PAUSED',
  'ARCHIVED',
  'COMPLETED',
  'CANCELED',
  'DRAFT',
  'PENDING_DELETION',
  'REMOVED',
];
export const ACCOUNT_STATUSES = ['ACTIVE', 'CANCELED', 'DRAFT', 'PENDING_DELETION', 'REMOVED'] as const;

function mapStatus(status: EntityStatus): LinkedInEntityStatus {
  return status === 'DELETED' ? 'REMOVED' : status;
}

/** Small deterministic number from an id, for metadata the world does not model (budgets, cost type). */
function idNoise(id: string, modulo: number): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % modulo;
}

const startOf = (date: string, account: FakeAccount) => zonedMidnight(date, account.timeZone);
/** runSchedule.end is the last instant of the inclusive end date. */
const endOf = (date: string, account: FakeAccount) => zonedMidnight(addDays(date, 1), account.timeZone) - 1;

function auditStamps(account: FakeAccount, created: string, modified?: string) {
  const createdMs = startOf(created, account);
  const modifiedMs = modified ? startOf(modified, account) + 9 * 3_600_000 : createdMs + 3_600_000;
  return { created: { time: createdMs }, lastModified: { time: Math.max(createdMs, modifiedMs) } };
}

export function mapAccount(account: FakeAccount) {
  const active = account.status === 'ACTIVE';
  return {
    id: Number(account.id),
    name: account.name,
    type: 'BUSINESS',
    status: active ? 'ACTIVE' : 'CANCELED',
    currency: account.currency,
    reference: `urn:li:organization:${Number(account.id.slice(0, 7)) + 1_000_000}`,
    servingStatuses: active ? ['RUNNABLE'] : ['STOPPED'],
    notifiedOnCreativeApproval: false,
    notifiedOnCreativeRejection: false,
    notifiedOnEndOfCampaign: false,
    notifiedOnNewFeaturesEnabled: false,
    test: false,
    version: { versionTag: String(1 + idNoise(account.id, 5)) },
    changeAuditStamps: auditStamps(account, account.createdDate),
  };
}

function groupStatus(campaign: FakeCampaign, today: string): LinkedInEntityStatus {
  const status = mapStatus(campaign.status);
  return status === 'ACTIVE' && campaign.endDate !== undefined && campaign.endDate < today ? 'COMPLETED' : status;
}

export function mapCampaignGroup(campaign: FakeCampaign, account: FakeAccount, today: string) {
  const status = groupStatus(campaign, today);
  return {
    id: Number(campaign.id),
    account: urn.account(account.id),
    name: campaign.name,
    status,
    test: false,
    backfilled: false,
    servingStatuses: status === 'ACTIVE' ? ['RUNNABLE'] : ['STOPPED'],
    allowedCampaignTypes: ['TEXT_AD', 'SPONSORED_UPDATES', 'SPONSORED_INMAILS', 'DYNAMIC'],
    runSchedule: {
      start: startOf(campaign.startDate, account),
      ...(campaign.endDate ? { end: endOf(campaign.endDate, account) } : {}),
    },
    changeAuditStamps: auditStamps(account, campaign.startDate, campaign.endDate),
  };
}

const LOCALES: Record<FakeAccount['currency'], { country: string; language: string }> = {
  USD: { country: 'US', language: 'en' },
  EUR: { country: 'DE', language: 'de' },
  GBP: { country: 'GB', language: 'en' },
  JPY: { country: 'JP', language: 'ja' },
};

export function mapCampaign(adGroup: FakeAdGroup, parent: FakeCampaign, account: FakeAccount, today: string) {
  const parentStatus = groupStatus(parent, today);
  const own = mapStatus(adGroup.status);
  const status = own === 'ACTIVE' && parentStatus === 'COMPLETED' ? 'COMPLETED' : own;
  const budgetUnits = (account.currency === 'JPY' ? 1500 : 10) + idNoise(adGroup.id, 90) * (account.currency === 'JPY' ? 100 : 1);
  return {
    id: Number(adGroup.id),
    account: urn.account(account.id),
    campaignGroup: urn.campaignGroup(parent.id),
    name: adGroup.name,
    type: 'SPONSORED_UPDATES',
    status,
    test: false,
    servingStatuses: status === 'ACTIVE' ? ['RUNNABLE'] : ['STOPPED'],
    objectiveType: parent.objective,
    costType: idNoise(adGroup.id, 2) === 0 ? 'CPM' : 'CPC',
    dailyBudget: { amount: String(budgetUnits), currencyCode: account.currency },
    runSchedule: {
      start: startOf(parent.startDate, account),
      ...(parent.endDate ? { end: endOf(parent.endDate, account) } : {}),
    },
    locale: LOCALES[account.currency],
    version: { versionTag: String(1 + idNoise(adGroup.id, 7)) },
    changeAuditStamps: auditStamps(account, parent.startDate, parent.endDate),
  };
}

export function mapCreative(ad: FakeAd, account: FakeAccount, authorUrn: string) {
  const intendedStatus = mapStatus(ad.status);
  const createdAt = startOf(ad.startDate, account);
  const lastModifiedAt = ad.statusChangedDate ? startOf(ad.statusChangedDate, account) + 9 * 3_600_000 : createdAt + 3_600_000;
  const isServing = intendedStatus === 'ACTIVE';
  return {
    id: urn.creative(ad.id),
    account: urn.account(account.id),
    campaign: urn.campaign(ad.adGroupId),
    name: ad.name,
    intendedStatus,
    isServing,
    servingHoldReasons: isServing ? [] : ['STOPPED'],
    isTest: false,
    content: { reference: urn.share(ad.id) },
    createdAt,
    createdBy: authorUrn,
    lastModifiedAt,
    lastModifiedBy: authorUrn,
  };
}
