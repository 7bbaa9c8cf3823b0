import type { FakeAccount, FakeMember } from '../world/types';
import type { AccountCatalog } from './catalog';
import { formatMetaTimestamp, utcOffsetMinutes } from './dates';
import { metaErrors } from './errors';
import { EFFECTIVE_STATUSES } from './insights/fields';

type Kind = 'account' | 'campaign' | 'adset' | 'ad' | 'user';
type Entity = Record<string, string | number>;

export const ENTITY_FIELDS: Record<Kind, readonly string[]> = {
  user: ['id', 'name', 'email'],
  account: [
    'id',
    'account_id',
    'name',
    'currency',
    'timezone_name',
    'timezone_offset_hours_utc',
    'account_status',
    'disable_reason',
    'created_time',
  ],
  campaign: [
    'id',
    'account_id',
    'name',
    'status',
    'configured_status',
    'effective_status',
    'objective',
    'buying_type',
    'created_time',
    'updated_time',
    'start_time',
    'stop_time',
  ],
  adset: ['id', 'account_id', 'campaign_id', 'name', 'status', 'configured_status', 'effective_status', 'created_time', 'updated_time'],
  ad: [
    'id',
    'account_id',
    'campaign_id',
    'adset_id',
    'name',
    'status',
    'configured_status',
    'effective_status',
    'created_time',
    'updated_time',
  ],
};
const DEFAULT_FIELDS: Record<Kind, string[]> = {
  user: ['id', 'name'],
  account: ['id', 'account_id'],
  campaign: ['id'],
  adset: ['id'],
  ad: ['id'],
};
const NODE_TYPE: Record<Kind, string> = { user: 'User', account: 'AdAccount', campaign: 'Campaign', adset: 'AdSet', ad: 'Ad' };

/** Validates `fields` for a node type; nested field expansion (`adaccounts{name}`) is not served and fails like an unknown field. */
export function parseEntityFields(kind: Kind, raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_FIELDS[kind];
  const names = [
    ...new Set(
      raw
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  for (const name of names) if (!ENTITY_FIELDS[kind].includes(name)) throw metaErrors.nonexistingField(name, NODE_TYPE[kind]);
  return names;
}

function pick(entity: Entity, fields: string[]): Entity {
  const out: Entity = {};
  for (const field of fields) if (entity[field] !== undefined) out[field] = entity[field]!;
  return out;
}

export function renderUser(member: FakeMember, fields: string[]): Entity {
  return pick({ id: member.id, name: member.name, email: member.email }, fields);
}

export function renderAccount(account: FakeAccount, fields: string[], now: Date): Entity {
  return pick(
    {
      id: `act_${account.id}`,
      account_id: account.id,
      name: account.name,
      currency: account.currency,
      timezone_name: account.timeZone,
      timezone_offset_hours_utc: utcOffsetMinutes(account.timeZone, now) / 60,
      // Meta's numeric account_status: 1 = ACTIVE, 2 = DISABLED.
      account_status: account.status === 'ACTIVE' ? 1 : 2,
      disable_reason: account.status === 'ACTIVE' ? 0 : 1,
      created_time: formatMetaTimestamp(account.createdDate, '08:00:00', account.timeZone),
    },
    fields,
  );
}

export function renderCampaign(catalog: AccountCatalog, id: string, fields: string[]): Entity {
  const campaign = catalog.campaign(id)!;
  const tz = catalog.account.timeZone;
  const created = formatMetaTimestamp(campaign.startDate, '09:00:00', tz);
  return pick(
    {
      id,
      account_id: catalog.account.id,
      name: campaign.name,
      status: campaign.status,
      configured_status: campaign.status,
      effective_status: catalog.effectiveStatus('campaign', id),
      objective: campaign.objective,
      buying_type: 'AUCTION',
      created_time: created,
      updated_time: created,
      start_time: created,
      ...(campaign.endDate ? { stop_time: formatMetaTimestamp(campaign.endDate, '23:59:59', tz) } : {}),
    },
    fields,
  );
}

export function renderAdset(catalog: AccountCatalog, id: string, fields: string[]): Entity {
  const adset = catalog.adset(id)!;
  const campaign = catalog.campaign(adset.campaignId)!;
  const created = formatMetaTimestamp(campaign.startDate, '09:05:00', catalog.account.timeZone);
  return pick(
    {
      id,
      account_id: catalog.account.id,
      campaign_id: adset.campaignId,
      name: adset.name,
      status: adset.status,
      configured_status: adset.status,
      effective_status: catalog.effectiveStatus('adset', id),
      created_time: created,
      updated_time: created,
    },
    fields,
  );
}

export function renderAd(catalog: AccountCatalog, id: string, fields: string[]): Entity {
  const ad = catalog.ad(id)!;
  const tz = catalog.account.timeZone;
  return pick(
    {
      id,
      account_id: catalog.account.id,
      campaign_id: ad.campaignId,
      adset_id: ad.adGroupId,
      name: ad.name,
      status: ad.status,
      configured_status: ad.status,
      effective_status: catalog.effectiveStatus('ad', id),
      created_time: formatMetaTimestamp(ad.startDate, '09:10:00', tz),
      updated_time: formatMetaTimestamp(ad.statusChangedDate ?? ad.startDate, ad.statusChangedDate ? '10:00:00' : '09:10:00', tz),
    },
    fields,
  );
}

export const renderers = { campaign: renderCampaign, adset: renderAdset, ad: renderAd };

/**
 * Which effective statuses an entity edge returns: `effective_status=[...]` or `filtering` on effective_status;
 * by default ARCHIVED and DELETED objects are left out.
 */
export function parseEdgeStatusFilter(params: Map<string, string>, kind: 'campaign' | 'adset' | 'ad'): (status: string) => boolean {
  const requested: string[] = [];
  const direct = params.get('effective_status');
  if (direct !== undefined) requested.push(...parseStringArray(direct, 'effective_status'));
  const filtering = params.get('filtering');
  if (filtering !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(filtering);
    } catch {
      throw metaErrors.invalidParameter('param filtering must be JSON');
    }
    if (!Array.isArray(parsed)) throw metaErrors.invalidParameter('param filtering must be an array of filter objects');
    for (const entry of parsed as { field?: unknown; operator?: unknown; value?: unknown }[]) {
      if (entry?.field !== 'effective_status' && entry?.field !== `${kind}.effective_status`)
        throw metaErrors.invalidParameter(
          `Filtering field '${String(entry?.field)}' is not supported on this edge (supported: effective_status)`,
        );
      if (entry.operator !== 'IN' || !Array.isArray(entry.value))
        throw metaErrors.invalidParameter('effective_status filtering needs operator IN and an array value');
      requested.push(...parseStringArray(JSON.stringify(entry.value), 'filtering'));
    }
  }
  if (requested.length === 0) return (status) => status !== 'ARCHIVED' && status !== 'DELETED';
  return (status) => requested.includes(status);
}

function parseStringArray(raw: string, param: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw metaErrors.invalidParameter(`param ${param} must be a JSON array of statuses`);
  }
  if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== 'string' || !(EFFECTIVE_STATUSES as readonly string[]).includes(s)))
    throw metaErrors.invalidParameter(`param ${param} must be an array of: ${EFFECTIVE_STATUSES.join(', ')}`);
  return parsed as string[];
}
