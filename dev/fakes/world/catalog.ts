import {
  ACCOUNT_ID_DIGITS,
  ACCOUNT_SPECS,
  type AccountSpec,
  ENTITY_ID_DIGITS,
  type FleetSpec,
  fleetAccountSpecs,
  fleetMemberKey,
  OBJECTIVES,
} from './accounts';
import { addDays, daysBetween } from './dates';
import { digits, intBetween, unit } from './hash';
import { SHOWCASE_ACCOUNT_SPECS, SHOWCASE_PEOPLE, type ShowcaseAccountSpec } from './showcase';
import { addPlannedTree } from './showcase-tree';
import type { EntityStatus, FakeAccount, FakeAd, FakeAdGroup, FakeCampaign, FakeMember, Platform } from './types';
import { PLATFORMS } from './types';

/** Every entity of the world, generated eagerly (it is small); metrics are computed on request elsewhere. */
export interface Catalog {
  accounts: FakeAccount[];
  members: FakeMember[];
  campaigns: FakeCampaign[];
  adGroups: FakeAdGroup[];
  ads: FakeAd[];
}

const CAMPAIGN_THEMES = ['Prospecting', 'Retargeting', 'Brand', 'Winter Sale', 'Lookalikes', 'Always-on'];
const GROUP_THEMES = ['Audience 25-44', 'Interests: Outdoor', 'Keywords: Exact', 'Website Visitors 30d', 'Broad', 'Decision Makers'];
const AD_THEMES = ['Carousel', 'Video 15s', 'Single Image', 'Responsive Search', 'Story', 'Document'];
/** Campaign lifecycle by position: every account gets at least an active and a paused campaign. */
const CAMPAIGN_LIFECYCLE: EntityStatus[] = ['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED'];

export interface CatalogOptions {
  fleet?: FleetSpec;
  /** The demo agency's roster (showcase.ts) besides the fixed cast. */
  showcase?: boolean;
}

export function buildCatalog(seed: number, anchorDate: string, options: CatalogOptions = {}): Catalog {
  const { fleet } = options;
  const catalog: Catalog = { accounts: [], members: [], campaigns: [], adGroups: [], ads: [] };
  const usedIds = new Set<string>();
  const uniqueId = (length: number, ...parts: (string | number)[]) => {
    for (let attempt = 0; ; attempt++) {
      const id = digits(seed, length, ...parts, attempt);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  const idByKey = new Map<string, string>();
  // The fixed cast comes first, so its ids are the same whichever extras a world adds.
  const showcase: readonly ShowcaseAccountSpec[] = options.showcase ? SHOWCASE_ACCOUNT_SPECS : [];
  const specs: readonly AccountSpec[] = [...ACCOUNT_SPECS, ...fleetAccountSpecs(fleet), ...showcase];
  const plans = new Map(showcase.map((spec) => [spec.key, spec.plan]));
  for (const spec of specs) {
    const id = uniqueId(ACCOUNT_ID_DIGITS[spec.platform], 'account', spec.key);
    idByKey.set(spec.key, id);
    const account: FakeAccount = {
      platform: spec.platform,
      id,
      name: spec.name,
      currency: spec.currency,
      timeZone: spec.timeZone,
      status: 'ACTIVE',
      createdDate: addDays(anchorDate, -spec.historyDays),
      ...(spec.isManager ? { isManager: true } : {}),
      ...(spec.managerKey ? { managerId: idByKey.get(spec.managerKey) } : {}),
    };
    catalog.accounts.push(account);
    const plan = plans.get(spec.key);
    if (plan) addPlannedTree(catalog, seed, plan, account, anchorDate, uniqueId);
    else if (!spec.isManager) addAccountTree(catalog, seed, spec, account, anchorDate, uniqueId);
  }
  const groupsById = new Map(specs.map((spec) => [idByKey.get(spec.key)!, spec.groups as readonly string[]]));
  // The 'demo' member sees the fixed cast only: fleet and showcase accounts belong to their own members.
  const ownedIds = new Set([...fleetAccountSpecs(fleet), ...showcase].map((spec) => idByKey.get(spec.key)!));
  catalog.members = buildMembers(seed, catalog.accounts, groupsById, ownedIds, [
    ...fleetPeople(fleet),
    ...(options.showcase ? SHOWCASE_PEOPLE : []),
  ]);
  return catalog;
}

export type UniqueId = (length: number, ...parts: (string | number)[]) => string;

function addAccountTree(catalog: Catalog, seed: number, spec: AccountSpec, account: FakeAccount, anchor: string, uniqueId: UniqueId) {
  const platform = spec.platform;
  const lengths = ENTITY_ID_DIGITS[platform];
  const range = spec.campaigns ?? { min: 2, max: 4 };
  const campaignCount = intBetween(seed, range.min, range.max, account.id, 'campaigns');
  for (let c = 0; c < campaignCount; c++) {
    // The first campaigns go through every lifecycle state; any beyond those are live flights.
    const status = CAMPAIGN_LIFECYCLE[c] ?? 'ACTIVE';
    const { startDate, endDate } = campaignSpan(seed, account, anchor, c, status);
    const theme = CAMPAIGN_THEMES[(c + intBetween(seed, 0, 5, account.id, 'theme')) % CAMPAIGN_THEMES.length]!;
    const campaign: FakeCampaign = {
      platform,
      id: uniqueId(lengths.campaign, 'campaign', account.id, c),
      accountId: account.id,
      name: `${account.currency} | ${theme} | ${startDate.slice(0, 7)}`,
      status,
      objective: OBJECTIVES[platform][intBetween(seed, 0, OBJECTIVES[platform].length - 1, account.id, c, 'objective')]!,
      startDate,
      ...(endDate ? { endDate } : {}),
    };
    catalog.campaigns.push(campaign);

    const groupCount = intBetween(seed, 1, 3, campaign.id, 'groups');
    for (let g = 0; g < groupCount; g++) {
      const adGroup: FakeAdGroup = {
        platform,
        id: uniqueId(lengths.adGroup, 'adgroup', campaign.id, g),
        accountId: account.id,
        campaignId: campaign.id,
        name: GROUP_THEMES[(g + c) % GROUP_THEMES.length]!,
        status,
      };
      catalog.adGroups.push(adGroup);
      const adCount = intBetween(seed, 1, 3, adGroup.id, 'ads');
      for (let a = 0; a < adCount; a++) {
        catalog.ads.push(buildAd(seed, campaign, adGroup, a, anchor, uniqueId(lengths.ad, 'ad', adGroup.id, a)));
      }
      if (c === 0 && g === 0)
        catalog.ads.push(buildDeletedAd(seed, campaign, adGroup, anchor, uniqueId(lengths.ad, 'ad', adGroup.id, 'deleted')));
    }
  }
}

function campaignSpan(seed: number, account: FakeAccount, anchor: string, index: number, status: EntityStatus) {
  const created = account.createdDate;
  const history = daysBetween(created, anchor);
  const clampStart = (date: string, latest: string) => (date > latest ? latest : date < created ? created : date);
  switch (status) {
    case 'ACTIVE':
      // A flight launched some time in the account's history, at least two weeks before the anchor.
      if (index >= CAMPAIGN_LIFECYCLE.length) {
        return { startDate: addDays(created, intBetween(seed, 0, Math.max(0, history - 14), account.id, 'flight', index)) };
      }
      return { startDate: created };
    case 'PAUSED': {
      const endDate = addDays(anchor, -intBetween(seed, 3, 45, account.id, 'paused-end'));
      const startDate = clampStart(
        addDays(created, Math.floor(history * unit(seed, account.id, 'paused-start') * 0.6)),
        addDays(endDate, -30),
      );
      return { startDate, endDate };
    }
    case 'ARCHIVED': {
      const startDate = addDays(created, Math.floor(history * 0.1));
      const endDate = addDays(startDate, Math.min(intBetween(seed, 40, 200, account.id, 'archived-len'), Math.max(20, history - 120)));
      return { startDate, endDate };
    }
    default: {
      // Deleted inside the last 90 days, so a sync over the settling window still sees its delivery.
      const endDate = addDays(anchor, -intBetween(seed, 50, 85, account.id, 'deleted-end', index));
      const startDate = clampStart(addDays(endDate, -intBetween(seed, 40, 150, account.id, 'deleted-len')), addDays(endDate, -20));
      return { startDate, endDate };
    }
  }
}

function buildAd(seed: number, campaign: FakeCampaign, adGroup: FakeAdGroup, index: number, anchor: string, id: string): FakeAd {
  const lastPossible = campaign.endDate ?? anchor;
  const offset = index === 0 ? 0 : intBetween(seed, 0, 20, id, 'start');
  const startDate = minDate(addDays(campaign.startDate, offset), addDays(lastPossible, -10));
  const base = {
    platform: campaign.platform,
    id,
    accountId: campaign.accountId,
    campaignId: campaign.id,
    adGroupId: adGroup.id,
    name: `${AD_THEMES[(index + adGroup.name.length) % AD_THEMES.length]} ${String.fromCharCode(65 + index)}`,
    startDate,
  };
  if (campaign.status !== 'ACTIVE') return { ...base, status: campaign.status, statusChangedDate: addDays(campaign.endDate!, 1) };
  if (index > 0 && unit(seed, id, 'paused') < 0.2) {
    const span = daysBetween(startDate, anchor);
    if (span > 20)
      return { ...base, status: 'PAUSED', statusChangedDate: addDays(startDate, intBetween(seed, 10, span - 5, id, 'paused-at')) };
  }
  return { ...base, status: 'ACTIVE' };
}

/** Every account has a deleted ad that delivered until a date inside the last 90 days. */
function buildDeletedAd(seed: number, campaign: FakeCampaign, adGroup: FakeAdGroup, anchor: string, id: string): FakeAd {
  const lastActive = campaign.endDate ?? anchor;
  const statusChangedDate = minDate(addDays(anchor, -intBetween(seed, 10, 80, id, 'deleted-at')), lastActive);
  const startDate = maxDate(addDays(statusChangedDate, -intBetween(seed, 30, 120, id, 'deleted-len')), campaign.startDate);
  return {
    platform: campaign.platform,
    id,
    accountId: campaign.accountId,
    campaignId: campaign.id,
    adGroupId: adGroup.id,
    name: 'Retired Creative',
    status: 'DELETED',
    startDate,
    statusChangedDate,
  };
}

const MEMBER_PEOPLE = [
  { key: 'demo', name: 'Dana Demo', email: 'dana@tidemark.example' },
  { key: 'partner-a', name: 'Alex Archer', email: 'alex@partner-a.example' },
  { key: 'partner-b', name: 'Berit Brandt', email: 'berit@partner-b.example' },
] as const;

/** Native-looking member ids: Meta app-scoped user ids, Google account subjects, LinkedIn person ids. */
function memberId(seed: number, platform: Platform, key: string): string {
  if (platform === 'meta') return digits(seed, 16, 'member', platform, key);
  if (platform === 'google_ads') return digits(seed, 21, 'member', platform, key);
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-_';
  let id = '';
  for (let i = 0; i < 10; i++) id += alphabet[Math.floor(unit(seed, 'member', platform, key, i) * alphabet.length)];
  return id;
}

type Person = { key: string; name: string; email: string };

function fleetPeople(fleet: FleetSpec | undefined): Person[] {
  return Array.from({ length: fleet?.members ?? 0 }, (_, i) => {
    const key = fleetMemberKey(i + 1);
    return { key, name: `Fleet Member ${key.slice(6)}`, email: `${key}@fleet.example` };
  });
}

function buildMembers(
  seed: number,
  accounts: FakeAccount[],
  groupsById: Map<string, readonly string[]>,
  ownedIds: ReadonlySet<string>,
  extraPeople: Person[],
): FakeMember[] {
  const members: FakeMember[] = [];
  for (const platform of PLATFORMS) {
    const own = accounts.filter((a) => a.platform === platform);
    for (const person of [...MEMBER_PEOPLE, ...extraPeople]) {
      const visible =
        person.key === 'demo'
          ? own.filter((a) => !a.managerId && !ownedIds.has(a.id)) // Google clients are reached through their manager
          : own.filter((a) => groupsById.get(a.id)?.includes(person.key));
      members.push({
        platform,
        id: memberId(seed, platform, person.key),
        key: person.key,
        name: person.name,
        email: person.email,
        accountIds: visible.map((a) => a.id),
      });
    }
  }
  return members;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
