import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { createWorld } from './index';
import type { FakeAccount, Metrics, Platform, World } from './types';
import { PLATFORMS, RESTATEMENT_DAYS } from './types';

const NOW = new Date('2026-11-29T15:30:00Z');
const frozenWorld = (seed = 11) => createWorld({ seed, now: NOW, speed: 0 });
const HOUR = 3_600_000;

function sumHours(world: World, platform: Platform, adId: string, date: string, asOf?: Date) {
  const sum = { impressions: 0, clicks: 0, spendMicros: 0, conversionHundredths: 0, conversionValueMicros: 0 };
  for (let hour = 0; hour < 24; hour++) {
    const m = world.adHourly(platform, adId, date, hour, asOf);
    if (!m) continue;
    sum.impressions += m.impressions;
    sum.clicks += m.clicks;
    sum.spendMicros += m.spendMicros;
    sum.conversionHundredths += Math.round(m.conversions * 100);
    sum.conversionValueMicros += m.conversionValueMicros;
  }
  return sum;
}
const summable = (m: Metrics) => ({
  impressions: m.impressions,
  clicks: m.clicks,
  spendMicros: m.spendMicros,
  conversionHundredths: Math.round(m.conversions * 100),
  conversionValueMicros: m.conversionValueMicros,
});
const accountIn = (world: World, platform: Platform, zone: string) =>
  world.accounts(platform).find((a) => a.timeZone === zone && !a.isManager)!;
const activeAd = (world: World, account: FakeAccount) => world.ads(account.platform, account.id).find((ad) => ad.status === 'ACTIVE')!;

describe('daily metrics', () => {
  it('do not depend on the order they are asked in', () => {
    const forward = frozenWorld();
    const backward = frozenWorld();
    const account = forward.accounts('meta')[0]!;
    const dates = Array.from({ length: 40 }, (_, i) => addDays('2026-10-01', i));
    const ad = activeAd(forward, account);
    const a = dates.map((d) => forward.adDaily('meta', ad.id, d));
    const b = [...dates]
      .reverse()
      .map((d) => backward.adDaily('meta', ad.id, d))
      .reverse();
    expect(b).toEqual(a);
    expect(a.every((m) => m !== null)).toBe(true);
  });

  it('are null for future dates and before the ad started', () => {
    const world = frozenWorld();
    const account = world.accounts('google_ads').find((a) => !a.isManager)!;
    const ad = activeAd(world, account);
    expect(world.adDaily('google_ads', ad.id, addDays(world.today(account), 1))).toBeNull();
    expect(world.adDaily('google_ads', ad.id, addDays(ad.startDate, -1))).toBeNull();
    expect(world.adDaily('google_ads', ad.id, ad.startDate)).not.toBeNull();
  });

  it('keep CTR between 0.4 % and 3.5 % on full days with real traffic', () => {
    const world = frozenWorld();
    for (const account of world.accounts().filter((a) => !a.isManager)) {
      const facts = world.groundTruth(account.platform, account.id, '2026-09-01', '2026-11-28');
      for (const fact of facts.filter((f) => f.impressions >= 500)) {
        expect(fact.clicks / fact.impressions).toBeGreaterThan(0.004);
        expect(fact.clicks / fact.impressions).toBeLessThan(0.035);
      }
    }
  });

  it('charge whole yen in JPY and whole cents elsewhere, with whole conversions outside Google', () => {
    const world = frozenWorld();
    for (const account of world.accounts().filter((a) => !a.isManager)) {
      const unit = account.currency === 'JPY' ? 1_000_000 : 10_000;
      const facts = world.groundTruth(account.platform, account.id, '2026-10-01', '2026-11-29');
      expect(facts.length).toBeGreaterThan(0);
      for (const f of facts) {
        expect(f.spendMicros % unit).toBe(0);
        expect(f.conversionValueMicros % unit).toBe(0);
        if (account.platform === 'google_ads') expect(Math.abs(f.conversions * 100 - Math.round(f.conversions * 100))).toBeLessThan(1e-9);
        else expect(Number.isInteger(f.conversions)).toBe(true);
      }
    }
    expect(world.accounts().some((a) => a.currency === 'JPY' && a.platform === 'meta')).toBe(true);
  });

  it('are lower on weekends than weekdays on LinkedIn', () => {
    const world = frozenWorld();
    const account = world.accounts('linkedin')[0]!;
    const facts = world.groundTruth('linkedin', account.id, '2026-09-01', '2026-10-31');
    const avg = (weekend: boolean) => {
      const days = facts.filter((f) => [0, 6].includes(new Date(`${f.date}T00:00:00Z`).getUTCDay()) === weekend);
      return days.reduce((s, f) => s + f.impressions, 0) / days.length;
    };
    expect(avg(true)).toBeLessThan(avg(false) * 0.6);
  });
});

describe('hours', () => {
  it('sum exactly to the day for past days on Meta and Google', () => {
    const world = frozenWorld();
    for (const platform of ['meta', 'google_ads'] as const) {
      for (const account of world.accounts(platform).filter((a) => !a.isManager)) {
        const ad = activeAd(world, account);
        for (const date of ['2026-11-02', '2026-11-20', '2026-11-28']) {
          expect(sumHours(world, platform, ad.id, date)).toEqual(summable(world.adDaily(platform, ad.id, date)!));
        }
      }
    }
  });

  it('make today equal the hours completed so far, growing as the clock moves', () => {
    const world = frozenWorld();
    const account = accountIn(world, 'meta', 'America/New_York');
    const ad = activeAd(world, account);
    let previous = -1;
    for (let h = 1; h <= 8; h++) {
      const asOf = new Date(NOW.getTime() + h * HOUR);
      const today = world.adDaily('meta', ad.id, '2026-11-29', asOf)!;
      expect(sumHours(world, 'meta', ad.id, '2026-11-29', asOf)).toEqual(summable(today));
      expect(today.impressions).toBeGreaterThan(previous);
      previous = today.impressions;
    }
    expect(world.adHourly('meta', ad.id, '2026-11-29', 23, NOW)).toBeNull();
  });

  it('fold the repeated hour of a fall-back day into one label and still sum to the day', () => {
    const world = frozenWorld();
    const ny = accountIn(world, 'google_ads', 'America/New_York');
    const berlin = accountIn(world, 'meta', 'Europe/Berlin');
    for (const [account, date, repeated] of [
      [ny, '2026-11-01', 1],
      [berlin, '2026-10-25', 2],
    ] as const) {
      const ad = activeAd(world, account);
      expect(sumHours(world, account.platform, ad.id, date)).toEqual(summable(world.adDaily(account.platform, ad.id, date)!));
      const doubled = world.adHourly(account.platform, ad.id, date, repeated)!.impressions;
      const sameHourDayBefore = world.adHourly(account.platform, ad.id, addDays(date, -7), repeated)!.impressions;
      expect(doubled).toBeGreaterThan(sameHourDayBefore * 1.2);
    }
  });

  it('leave the skipped hour of a spring-forward day empty', () => {
    const world = frozenWorld();
    const berlin = accountIn(world, 'meta', 'Europe/Berlin');
    const ad = activeAd(world, berlin);
    expect(world.adHourly('meta', ad.id, '2026-03-29', 2)).toBeNull();
    expect(sumHours(world, 'meta', ad.id, '2026-03-29')).toEqual(summable(world.adDaily('meta', ad.id, '2026-03-29')!));
  });

  it('are not offered by LinkedIn', () => {
    const world = frozenWorld();
    const account = world.accounts('linkedin')[0]!;
    expect(world.adHourly('linkedin', activeAd(world, account).id, '2026-11-20', 10)).toBeNull();
  });
});

describe('restatement', () => {
  for (const platform of PLATFORMS) {
    it(`moves ${platform} conversions up until ${RESTATEMENT_DAYS[platform]} days after the date, then freezes them`, () => {
      const world = frozenWorld();
      const account = world.accounts(platform).find((a) => !a.isManager)!;
      let moved = false;
      for (const date of ['2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10']) {
        const ads = world.ads(platform, account.id).filter((ad) => world.adDaily(platform, ad.id, date));
        for (const ad of ads) {
          const seen: Metrics[] = [];
          for (let d = 1; d <= RESTATEMENT_DAYS[platform] + 5; d++)
            seen.push(world.adDaily(platform, ad.id, date, new Date(`${addDays(date, d)}T12:00:00Z`))!);
          for (let i = 1; i < seen.length; i++) {
            expect(seen[i]!.conversions).toBeGreaterThanOrEqual(seen[i - 1]!.conversions);
            expect(seen[i]!.conversionValueMicros).toBeGreaterThanOrEqual(seen[i - 1]!.conversionValueMicros);
            expect(seen[i]!.impressions).toBe(seen[0]!.impressions);
            expect(seen[i]!.spendMicros).toBe(seen[0]!.spendMicros);
          }
          const frozen = seen.slice(RESTATEMENT_DAYS[platform] + 1);
          for (const m of frozen) expect(m).toEqual(frozen[0]);
          expect(world.adDaily(platform, ad.id, date)).toEqual(frozen[0]);
          if (seen[0]!.conversions < frozen[0]!.conversions) moved = true;
        }
      }
      expect(moved).toBe(true);
    });
  }
});

describe('deleted ads and ground truth', () => {
  it('stop a deleted ad on its status change date while it still appears in the ground truth before', () => {
    const world = frozenWorld();
    for (const account of world.accounts().filter((a) => !a.isManager)) {
      const ad = world.ads(account.platform, account.id).find((x) => x.status === 'DELETED' && x.statusChangedDate! > '2026-09-01')!;
      const changed = ad.statusChangedDate!;
      expect(world.adDaily(account.platform, ad.id, changed)).toBeNull();
      expect(world.adDaily(account.platform, ad.id, addDays(changed, 5))).toBeNull();
      expect(world.adDaily(account.platform, ad.id, addDays(changed, -1))).not.toBeNull();
      const truth = world.groundTruth(account.platform, account.id, addDays(changed, -3), addDays(changed, 3));
      const dates = truth.filter((f) => f.adId === ad.id).map((f) => f.date);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((d) => d < changed)).toBe(true);
    }
  });

  it('lists every delivering ad-day sorted by date then ad id, matching adDaily', () => {
    const world = frozenWorld();
    const account = world.accounts('meta')[1]!;
    const truth = world.groundTruth('meta', account.id, '2026-11-01', '2026-11-29');
    const keys = truth.map((f) => `${f.date}|${f.adId}`);
    expect(keys).toEqual([...keys].sort());
    for (const f of truth)
      expect(world.adDaily('meta', f.adId, f.date)).toMatchObject({
        impressions: f.impressions,
        spendMicros: f.spendMicros,
        conversions: f.conversions,
      });
    const expected = world
      .ads('meta', account.id)
      .flatMap((ad) =>
        Array.from({ length: 29 }, (_, i) => addDays('2026-11-01', i)).filter(
          (d) => (world.adDaily('meta', ad.id, d)?.impressions ?? 0) > 0,
        ),
      );
    expect(truth.length).toBe(expected.length);
  });
});
