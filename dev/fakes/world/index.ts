import type { FleetSpec } from './accounts';
import { buildCatalog } from './catalog';
import { createClock } from './clock';
import { addDays, daysBetween, formatDate, HOUR_MS, isValidDate, localDate, realHourLabels, zonedMidnight } from './dates';
import {
  type AdProfile,
  adProfile,
  deliveredBy,
  finalTotals,
  hourWeights,
  partOfDay,
  restate,
  restatementFactor,
  toMetrics,
  type UnitTotals,
} from './delivery';
import type { DailyFact, FakeAccount, FakeAd, FakeCampaign, Metrics, Platform, World } from './types';
import { PLATFORMS, RESTATEMENT_DAYS } from './types';

export { createClock } from './clock';

const DAY_MS = 86_400_000;

interface AdEntry {
  ad: FakeAd;
  account: FakeAccount;
  profile: AdProfile;
  /** Inclusive local dates of possible delivery. */
  firstDay: string;
  lastDay?: string;
}

export interface WorldOptions {
  seed?: number;
  now?: Date;
  /** Clock speed (fake ms per real ms); 1 by default, 0 freezes the clock. */
  speed?: number;
  /** The real instant (epoch ms) at which the clock reads `now`; the moment of creation by default. */
  realAnchorMs?: number;
  /** Extra members with their own ad accounts, for fleet-scale runs; none by default. */
  fleet?: FleetSpec;
  /** The demo agency's roster (showcase.ts: several accounts per demo tenant, tens of named campaigns); off by default. */
  showcase?: boolean;
}

/**
 * A deterministic ad world.
 *
 * Time decisions: dates are account-local. Hours are local clock labels 0-23: on a fall-back day the
 * repeated label carries both real hours (so it weighs about double), on a spring-forward day the skipped
 * label is null; either way the hours of a day sum exactly to the day. "Today" counts only completed real
 * hours. An ad's statusChangedDate is its first day without delivery.
 * Entities are anchored on the UTC date of the starting clock, so two worlds
 * with the same seed started on the same day are identical; metrics are pure functions of (seed, ad, date, asOf).
 */
export function createWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? 42;
  const clock = createClock({ now: options.now, speed: options.speed, realAnchorMs: options.realAnchorMs });
  const anchorDate = formatDate(Math.floor(clock.now().getTime() / DAY_MS) * DAY_MS);
  const catalog = buildCatalog(seed, anchorDate, { fleet: options.fleet, showcase: options.showcase });

  const accountsByKey = new Map(catalog.accounts.map((a) => [`${a.platform}|${a.id}`, a]));
  const campaignsById = new Map<string, FakeCampaign>(catalog.campaigns.map((c) => [`${c.platform}|${c.id}`, c]));
  const adsById = new Map<string, AdEntry>();
  for (const ad of catalog.ads) {
    const account = accountsByKey.get(`${ad.platform}|${ad.accountId}`)!;
    const campaign = campaignsById.get(`${ad.platform}|${ad.campaignId}`)!;
    const firstDay = [ad.startDate, campaign.startDate, account.createdDate].sort().at(-1)!;
    const stops = [campaign.endDate, ad.statusChangedDate ? addDays(ad.statusChangedDate, -1) : undefined].filter((d): d is string => !!d);
    adsById.set(`${ad.platform}|${ad.id}`, {
      ad,
      account,
      profile: adProfile(seed, ad.platform, ad.id, account.currency),
      firstDay,
      lastDay: stops.sort()[0],
    });
  }

  const byAccount = <T extends { platform: Platform; accountId: string }>(items: T[], platform: Platform, accountId: string) =>
    items.filter((item) => item.platform === platform && item.accountId === accountId);

  /** Totals visible at `asOf` and how many real hours of the day they cover (a past day is complete). */
  function visibleDay(entry: AdEntry, date: string, asOfMs: number): { totals: UnitTotals; complete: boolean; hoursDone: number } | null {
    const { ad, account } = entry;
    if (date < entry.firstDay || (entry.lastDay && date > entry.lastDay) || !isValidDate(date)) return null;
    const today = localDate(asOfMs, account.timeZone);
    if (date > today) return null;
    const final = finalTotals(seed, ad.platform, ad.id, date, entry.profile);
    const window = RESTATEMENT_DAYS[ad.platform];
    let totals = final;
    if (daysBetween(date, today) <= window + 1) {
      const daysAfter = (asOfMs - zonedMidnight(addDays(date, 1), account.timeZone)) / DAY_MS;
      totals = restate(final, restatementFactor(seed, ad.id, date, daysAfter, window));
    }
    if (date < today) return { totals, complete: true, hoursDone: Infinity };
    return { totals, complete: false, hoursDone: Math.floor((asOfMs - zonedMidnight(date, account.timeZone)) / HOUR_MS) };
  }

  const entryFor = (platform: Platform, adId: string) => adsById.get(`${platform}|${adId}`);
  const asOfMs = (asOf?: Date) => (asOf ?? clock.now()).getTime();

  const world: World = {
    seed,
    clock,
    accounts: (platform) => catalog.accounts.filter((a) => !platform || a.platform === platform),
    account: (platform, id) => accountsByKey.get(`${platform}|${id}`),
    members: (platform) => catalog.members.filter((m) => m.platform === platform),
    campaigns: (platform, accountId) => byAccount(catalog.campaigns, platform, accountId),
    adGroups: (platform, accountId) => byAccount(catalog.adGroups, platform, accountId),
    ads: (platform, accountId) => byAccount(catalog.ads, platform, accountId),
    today: (account) => localDate(clock.now().getTime(), account.timeZone),

    adDaily(platform, adId, date, asOf) {
      const entry = entryFor(platform, adId);
      const day = entry && visibleDay(entry, date, asOfMs(asOf));
      if (!entry || !day) return null;
      const totals = day.complete
        ? day.totals
        : deliveredBy(day.totals, hourWeights(seed, adId, date, realHourLabels(date, entry.account.timeZone)), day.hoursDone);
      return toMetrics(totals, platform, entry.account.currency);
    },

    adHourly(platform, adId, date, hour, asOf) {
      if (platform === 'linkedin' || !Number.isInteger(hour) || hour < 0 || hour > 23) return null;
      const entry = entryFor(platform, adId);
      const day = entry && visibleDay(entry, date, asOfMs(asOf));
      if (!entry || !day) return null;
      const labels = realHourLabels(date, entry.account.timeZone);
      const first = labels.indexOf(hour);
      // A label skipped by a spring-forward, or an hour of today that has not ended yet.
      if (first < 0 || first >= day.hoursDone) return null;
      const last = labels.lastIndexOf(hour);
      const weights = hourWeights(seed, adId, date, labels);
      return toMetrics(partOfDay(day.totals, weights, first, Math.min(last + 1, day.hoursDone)), platform, entry.account.currency);
    },

    groundTruth(platform, accountId, since, until, asOf) {
      const account = accountsByKey.get(`${platform}|${accountId}`);
      if (!account || !isValidDate(since) || !isValidDate(until)) return [];
      const at = asOf ?? clock.now();
      const ads = byAccount(catalog.ads, platform, accountId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const last = [until, localDate(at.getTime(), account.timeZone)].sort()[0]!;
      const facts: DailyFact[] = [];
      for (let date = since < account.createdDate ? account.createdDate : since; date <= last; date = addDays(date, 1)) {
        for (const ad of ads) {
          const metrics = world.adDaily(platform, ad.id, date, at);
          if (metrics && hasDelivery(metrics))
            facts.push({ date, adId: ad.id, adGroupId: ad.adGroupId, campaignId: ad.campaignId, accountId, ...metrics });
        }
      }
      return facts;
    },
  };
  return world;
}

function hasDelivery(m: Metrics): boolean {
  return m.impressions > 0 || m.clicks > 0 || m.spendMicros > 0 || m.conversions > 0 || m.conversionValueMicros > 0;
}

export { PLATFORMS };
