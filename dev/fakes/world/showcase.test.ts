import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES } from '../google-ads/gaql/fields';
import { addDays, daysBetween } from './dates';
import { createWorld } from './index';
import { SHOWCASE_PEOPLE } from './showcase';
import { seasonName } from './showcase-tree';
import { PLATFORMS } from './types';

const NOW = new Date('2026-11-29T15:30:00Z');
const showcaseWorld = (seed = 11) => createWorld({ seed, now: NOW, speed: 0, showcase: true });
const SHOWCASE_KEYS: readonly string[] = SHOWCASE_PEOPLE.map((p) => p.key);

function showcaseAccounts(world = showcaseWorld()) {
  return PLATFORMS.flatMap((platform) =>
    world
      .members(platform)
      .filter((m) => SHOWCASE_KEYS.includes(m.key ?? ''))
      .flatMap((m) => m.accountIds.map((id) => world.account(platform, id)!)),
  );
}

describe('showcase roster', () => {
  it('is absent from a default world, whose fixed cast it leaves exactly as it was', () => {
    const plain = createWorld({ seed: 11, now: NOW, speed: 0 });
    const world = showcaseWorld();
    for (const platform of PLATFORMS) {
      expect(plain.members(platform).map((m) => m.key)).not.toContain('showcase-a');
      const fixed = plain.accounts(platform);
      expect(world.accounts(platform).slice(0, fixed.length)).toEqual(fixed);
      for (const member of plain.members(platform)) expect(world.members(platform).find((m) => m.key === member.key)).toEqual(member);
      for (const account of fixed) {
        expect(world.campaigns(platform, account.id)).toEqual(plain.campaigns(platform, account.id));
        expect(world.ads(platform, account.id)).toEqual(plain.ads(platform, account.id));
      }
    }
  });

  it('gives the same seed the same accounts, campaigns, ads and metrics, and another seed other ids', () => {
    const a = showcaseWorld();
    const b = showcaseWorld();
    for (const account of showcaseAccounts(a)) {
      expect(b.account(account.platform, account.id)).toEqual(account);
      expect(b.campaigns(account.platform, account.id)).toEqual(a.campaigns(account.platform, account.id));
      expect(b.adGroups(account.platform, account.id)).toEqual(a.adGroups(account.platform, account.id));
      expect(b.ads(account.platform, account.id)).toEqual(a.ads(account.platform, account.id));
    }
    const sample = showcaseAccounts(a)[0]!;
    const since = addDays(a.today(sample), -6);
    expect(b.groundTruth(sample.platform, sample.id, since, a.today(sample))).toEqual(
      a.groundTruth(sample.platform, sample.id, since, a.today(sample)),
    );
    expect(showcaseAccounts(showcaseWorld(12)).map((x) => x.id)).not.toEqual(showcaseAccounts(a).map((x) => x.id));
  });

  it('keeps its accounts to their own member: the demo and partner members see none of them', () => {
    const world = showcaseWorld();
    const ids = new Set(showcaseAccounts(world).map((a) => a.id));
    expect(ids.size).toBe(showcaseAccounts(world).length);
    for (const platform of PLATFORMS) {
      for (const member of world.members(platform).filter((m) => !SHOWCASE_KEYS.includes(m.key ?? ''))) {
        expect(member.accountIds.filter((id) => ids.has(id))).toEqual([]);
      }
    }
  });

  it('uses the platforms’ id formats and objectives (Google channel types with ad groups, no Performance Max)', () => {
    const world = showcaseWorld();
    const idFormat = { meta: /^[1-9]\d{15}$/, google_ads: /^[1-9]\d{9}$/, linkedin: /^[1-9]\d{8}$/ };
    for (const account of showcaseAccounts(world)) {
      expect(account.id).toMatch(idFormat[account.platform]);
      expect(account.managerId).toBeUndefined();
      for (const campaign of world.campaigns(account.platform, account.id)) {
        if (account.platform === 'google_ads') {
          expect(CHANNEL_TYPES).toContain(campaign.objective);
          expect(campaign.objective).not.toBe('PERFORMANCE_MAX');
        }
        if (account.platform === 'meta') expect(campaign.objective).toMatch(/^OUTCOME_/);
      }
    }
  });

  it('names every campaign, ad group and ad, uniquely per account, with each seasonal flight named after its start', () => {
    const world = showcaseWorld();
    for (const account of showcaseAccounts(world)) {
      const campaigns = world.campaigns(account.platform, account.id);
      expect(new Set(campaigns.map((c) => c.name)).size).toBe(campaigns.length);
      for (const c of campaigns) expect(c.name).not.toContain('{');
      for (const group of world.adGroups(account.platform, account.id)) expect(group.name.length).toBeGreaterThan(3);
      for (const ad of world.ads(account.platform, account.id)) expect(ad.name.length).toBeGreaterThan(3);
    }
    expect(seasonName('{season} | Sales', '2026-11-02', 'en')).toBe('Black Friday 2026 | Sales');
    expect(seasonName('Event | {season}', '2026-12-20', 'de')).toBe('Event | Weihnachten 2026');
  });

  it('lets every campaign deliver inside the last 90 days, paused and ended ones until their last day only', () => {
    const world = showcaseWorld();
    for (const account of showcaseAccounts(world)) {
      const today = world.today(account);
      const facts = world.groundTruth(account.platform, account.id, addDays(today, -89), today);
      for (const campaign of world.campaigns(account.platform, account.id)) {
        const days = facts.filter((f) => f.campaignId === campaign.id).map((f) => f.date);
        expect(days.length, `${account.name} / ${campaign.name}`).toBeGreaterThan(0);
        if (campaign.endDate) expect(days.every((d) => d <= campaign.endDate!)).toBe(true);
        if (campaign.status === 'PAUSED') expect(daysBetween(campaign.endDate!, today)).toBeLessThanOrEqual(20);
      }
    }
  });
});
