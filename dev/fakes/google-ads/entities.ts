import type { EntityStatus, FakeAccount, FakeAd, FakeAdGroup, FakeCampaign, Metrics } from '../world/types';
import type { FlatRow } from './gaql/evaluate';
import { CHANNEL_TYPES } from './gaql/fields';

/** Google has no "archived": anything that stopped for good is REMOVED, and keeps its history. */
export function googleStatus(status: EntityStatus): 'ENABLED' | 'PAUSED' | 'REMOVED' {
  if (status === 'ACTIVE') return 'ENABLED';
  if (status === 'PAUSED') return 'PAUSED';
  return 'REMOVED';
}

export function customerStatus(account: FakeAccount): 'ENABLED' | 'CANCELED' {
  return account.status === 'ACTIVE' ? 'ENABLED' : 'CANCELED';
}

export const customerResourceName = (id: string) => `customers/${id}`;

type Row = [string, string | number | boolean][];

export function customerAttributes(account: FakeAccount): Row {
  return [
    ['customer.resource_name', customerResourceName(account.id)],
    ['customer.id', account.id],
    ['customer.descriptive_name', account.name],
    ['customer.currency_code', account.currency],
    ['customer.time_zone', account.timeZone],
    ['customer.manager', account.isManager === true],
    ['customer.test_account', false],
    ['customer.auto_tagging_enabled', true],
    ['customer.status', customerStatus(account)],
  ];
}

export function campaignAttributes(cid: string, campaign: FakeCampaign): Row {
  const channel = (CHANNEL_TYPES as readonly string[]).includes(campaign.objective) ? campaign.objective : 'SEARCH';
  return [
    ['campaign.resource_name', `customers/${cid}/campaigns/${campaign.id}`],
    ['campaign.id', campaign.id],
    ['campaign.name', campaign.name],
    ['campaign.status', googleStatus(campaign.status)],
    ['campaign.advertising_channel_type', channel],
  ];
}

export function adGroupAttributes(cid: string, adGroup: FakeAdGroup): Row {
  return [
    ['ad_group.resource_name', `customers/${cid}/adGroups/${adGroup.id}`],
    ['ad_group.id', adGroup.id],
    ['ad_group.name', adGroup.name],
    ['ad_group.status', googleStatus(adGroup.status)],
    ['ad_group.campaign', `customers/${cid}/campaigns/${adGroup.campaignId}`],
  ];
}

export function adGroupAdAttributes(cid: string, ad: FakeAd): Row {
  return [
    ['ad_group_ad.resource_name', `customers/${cid}/adGroupAds/${ad.adGroupId}~${ad.id}`],
    ['ad_group_ad.ad_group', `customers/${cid}/adGroups/${ad.adGroupId}`],
    ['ad_group_ad.status', googleStatus(ad.status)],
    ['ad_group_ad.ad.resource_name', `customers/${cid}/ads/${ad.id}`],
    ['ad_group_ad.ad.id', ad.id],
    ['ad_group_ad.ad.name', ad.name],
  ];
}

/** customer_client rows as seen from `root`: the root itself at level 0, its clients at level 1. */
export function customerClientAttributes(root: FakeAccount, client: FakeAccount): Row {
  return [
    ['customer_client.resource_name', `customers/${root.id}/customerClients/${client.id}`],
    ['customer_client.client_customer', customerResourceName(client.id)],
    ['customer_client.level', client.id === root.id ? 0 : 1],
    ['customer_client.id', client.id],
    ['customer_client.manager', client.isManager === true],
    ['customer_client.test_account', false],
    ['customer_client.hidden', false],
    ['customer_client.time_zone', client.timeZone],
    ['customer_client.status', customerStatus(client)],
    ['customer_client.currency_code', client.currency],
    ['customer_client.descriptive_name', client.name],
  ];
}

/** Summed metrics in Google's units; ratios are recomputed from the sums so every level agrees. */
export function metricAttributes(m: Metrics): Row {
  return [
    ['metrics.impressions', m.impressions],
    ['metrics.clicks', m.clicks],
    ['metrics.cost_micros', m.spendMicros],
    ['metrics.conversions', Math.round(m.conversions * 100) / 100],
    ['metrics.conversions_value', m.conversionValueMicros / 1e6],
    ['metrics.ctr', m.impressions > 0 ? m.clicks / m.impressions : 0],
    ['metrics.average_cpc', m.clicks > 0 ? m.spendMicros / m.clicks : 0],
  ];
}

export function addMetrics(into: Metrics, m: Metrics): void {
  into.impressions += m.impressions;
  into.clicks += m.clicks;
  into.spendMicros += m.spendMicros;
  into.conversions += m.conversions;
  into.conversionValueMicros += m.conversionValueMicros;
}

export const emptyMetrics = (): Metrics => ({ impressions: 0, clicks: 0, spendMicros: 0, conversions: 0, conversionValueMicros: 0 });

export function rowOf(...parts: Row[]): FlatRow {
  return new Map(parts.flat());
}
