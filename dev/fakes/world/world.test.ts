import { describe, expect, it } from 'vitest';
import { daysBetween } from './dates';
import { createWorld } from './index';
import { PLATFORMS } from './types';

const NOW = new Date('2026-11-29T15:30:00Z');
const frozenWorld = (seed = 11, now = NOW) => createWorld({ seed, now, speed: 0 });

describe('world entities', () => {
  it('gives two worlds with the same seed the same accounts, entities and members', () => {
    const a = frozenWorld();
    const b = frozenWorld();
    for (const platform of PLATFORMS) {
      expect(b.accounts(platform)).toEqual(a.accounts(platform));
      expect(b.members(platform)).toEqual(a.members(platform));
      for (const account of a.accounts(platform)) expect(b.ads(platform, account.id)).toEqual(a.ads(platform, account.id));
    }
  });

  it('gives a different seed different ids', () => {
    expect(
      frozenWorld(12)
        .accounts()
        .map((a) => a.id),
    ).not.toEqual(
      frozenWorld(11)
        .accounts()
        .map((a) => a.id),
    );
  });

  it('uses each platform native id format', () => {
    const world = frozenWorld();
    for (const a of world.accounts('meta')) expect(a.id).toMatch(/^[1-9]\d{15}$/);
    for (const a of world.accounts('google_ads')) expect(a.id).toMatch(/^[1-9]\d{9}$/);
    for (const a of world.accounts('linkedin')) expect(a.id).toMatch(/^[1-9]\d{8}$/);
  });

  it('covers four currencies, the DST zones and a Google manager with clients and no ads', () => {
    const world = frozenWorld();
    expect(new Set(world.accounts().map((a) => a.currency))).toEqual(new Set(['USD', 'EUR', 'GBP', 'JPY']));
    const zones = new Set(world.accounts().map((a) => a.timeZone));
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Europe/London']) expect(zones).toContain(zone);
    const manager = world.accounts('google_ads').find((a) => a.isManager)!;
    expect(world.ads('google_ads', manager.id)).toEqual([]);
    expect(world.accounts('google_ads').filter((a) => a.managerId === manager.id).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps more than 37 months of history on one Meta account', () => {
    const world = frozenWorld();
    const oldest = world
      .accounts('meta')
      .map((a) => a.createdDate)
      .sort()[0]!;
    expect(daysBetween(oldest, '2026-11-29')).toBeGreaterThan(37 * 31);
    const account = world.accounts('meta').find((a) => a.createdDate === oldest)!;
    expect(world.groundTruth('meta', account.id, oldest, oldest).length).toBeGreaterThan(0);
  });

  it('gives every account every lifecycle among its ads, with a deleted ad inside the last 90 days', () => {
    const world = frozenWorld();
    for (const account of world.accounts().filter((a) => !a.isManager)) {
      const ads = world.ads(account.platform, account.id);
      const statuses = new Set(ads.map((ad) => ad.status));
      expect(statuses).toContain('ACTIVE');
      expect(statuses).toContain('PAUSED');
      const deleted = ads.filter((ad) => ad.status === 'DELETED' && daysBetween(ad.statusChangedDate!, world.today(account)) <= 90);
      expect(deleted.length).toBeGreaterThan(0);
    }
  });

  it('lets a demo member see every directly reachable account and the partners see disjoint subsets', () => {
    const world = frozenWorld();
    for (const platform of PLATFORMS) {
      const members = world.members(platform);
      const demo = members.find((m) => m.key === 'demo')!;
      const a = members.find((m) => m.key === 'partner-a')!;
      const b = members.find((m) => m.key === 'partner-b')!;
      expect(demo.accountIds.length).toBeGreaterThan(0);
      expect(a.accountIds.length).toBeGreaterThan(0);
      expect(b.accountIds.length).toBeGreaterThan(0);
      expect(a.accountIds.filter((id) => b.accountIds.includes(id))).toEqual([]);
      for (const id of world.accounts(platform).map((x) => x.id)) {
        const account = world.account(platform, id)!;
        expect(demo.accountIds.includes(id) || demo.accountIds.includes(account.managerId ?? '-')).toBe(true);
      }
    }
  });
});

describe('fleet members', () => {
  const fleetWorld = () => createWorld({ seed: 11, now: NOW, speed: 0, fleet: { members: 3, accountsPerMember: 5 } });

  it('gives each fleet member its own ad accounts on every platform', () => {
    const world = fleetWorld();
    for (const platform of PLATFORMS) {
      const fleet = world.members(platform).filter((m) => m.key?.startsWith('fleet-'));
      expect(fleet.map((m) => m.key)).toEqual(['fleet-001', 'fleet-002', 'fleet-003']);
      for (const member of fleet) expect(member.accountIds).toHaveLength(5);
      expect(new Set(fleet.flatMap((m) => m.accountIds)).size).toBe(15);
      for (const id of fleet.flatMap((m) => m.accountIds)) {
        expect(world.account(platform, id)?.managerId).toBeUndefined();
        expect(world.ads(platform, id).length).toBeGreaterThan(0);
      }
    }
  });

  it('gives fleet accounts more than a year of history, so a 365-day backfill has delivery every day', () => {
    const world = fleetWorld();
    const member = world.members('meta').find((m) => m.key === 'fleet-002')!;
    for (const id of member.accountIds) expect(daysBetween(world.account('meta', id)!.createdDate, '2026-11-29')).toBe(400);
  });

  it('gives fleet accounts the campaign count asked for, the first four through every lifecycle state and the rest live flights', () => {
    const world = createWorld({
      seed: 11,
      now: NOW,
      speed: 0,
      fleet: { members: 2, accountsPerMember: 2, campaignsPerAccount: { min: 8, max: 24 } },
    });
    const counts: number[] = [];
    for (const platform of PLATFORMS) {
      for (const id of world.members(platform).find((m) => m.key === 'fleet-001')!.accountIds) {
        const campaigns = world.campaigns(platform, id);
        counts.push(campaigns.length);
        expect(campaigns.slice(0, 4).map((c) => c.status)).toEqual(['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED']);
        for (const flight of campaigns.slice(4)) {
          expect(flight.status).toBe('ACTIVE');
          expect(daysBetween(flight.startDate, '2026-11-29')).toBeGreaterThanOrEqual(14);
        }
      }
    }
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...counts)).toBeLessThanOrEqual(24);
    expect(frozenWorld().campaigns('meta', frozenWorld().members('meta')[0]!.accountIds[0]!).length).toBeLessThanOrEqual(4);
  });

  it('leaves the fixed cast and the demo members as they are', () => {
    const plain = frozenWorld();
    const world = fleetWorld();
    for (const platform of PLATFORMS) {
      for (const key of ['demo', 'partner-a', 'partner-b']) {
        expect(world.members(platform).find((m) => m.key === key)).toEqual(plain.members(platform).find((m) => m.key === key));
      }
    }
  });
});
