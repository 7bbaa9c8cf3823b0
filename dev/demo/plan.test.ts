import { describe, expect, it } from 'vitest';
import { addDays } from '../fakes/world/dates';
import { createWorld } from '../fakes/world/index';
import type { FakeAccount, World } from '../fakes/world/types';
import { DEMO_TENANTS } from '../seed/demo-data';
import { DEMO_BACKFILL_DAYS, DEMO_CONNECTIONS, SHOWCASE_CONNECTIONS } from './plan';

const NOW = new Date('2026-11-29T15:30:00Z');
/** `npm run dev`'s fakes: the showcase roster with the default seed. */
const devWorld = (now = NOW) => createWorld({ now, speed: 0, showcase: true });

/** The accounts a tenant's connects of the plan grant, per platform, as the fakes' consent dialogs hand them out. */
function tenantAccounts(world: World, tenantSlug: string, connections = SHOWCASE_CONNECTIONS): FakeAccount[] {
  return connections
    .filter((c) => c.tenantSlug === tenantSlug)
    .flatMap((c) => {
      const member = world.members(c.platform).find((m) => m.key === c.memberKey);
      expect(member, `${c.platform} member ${c.memberKey}`).toBeDefined();
      return member!.accountIds.map((id) => world.account(c.platform, id)!);
    });
}

const ENDED = ['ARCHIVED', 'DELETED'];

describe('the demo plan of npm run dev', () => {
  it('connects the same tenants and platforms as the small cast, as the showcase members', () => {
    expect(SHOWCASE_CONNECTIONS.map((c) => [c.tenantSlug, c.platform])).toEqual(DEMO_CONNECTIONS.map((c) => [c.tenantSlug, c.platform]));
    expect(new Set(SHOWCASE_CONNECTIONS.map((c) => c.memberKey))).toEqual(new Set(['showcase-a', 'showcase-b']));
  });

  for (const tenant of DEMO_TENANTS) {
    describe(tenant.name, () => {
      it('gets at least two ad accounts on every platform it connects, one of them in a currency other than its reporting one', () => {
        const world = devWorld();
        const accounts = tenantAccounts(world, tenant.slug);
        for (const platform of new Set(SHOWCASE_CONNECTIONS.filter((c) => c.tenantSlug === tenant.slug).map((c) => c.platform))) {
          expect(accounts.filter((a) => a.platform === platform).length, platform).toBeGreaterThanOrEqual(2);
        }
        expect(accounts.some((a) => a.currency !== tenant.reportingCurrency)).toBe(true);
        expect(accounts.filter((a) => a.currency === tenant.reportingCurrency).length).toBeGreaterThanOrEqual(2);
      });

      it('gets 20 to 40 campaigns, each with ad groups of named ads', () => {
        const world = devWorld();
        const accounts = tenantAccounts(world, tenant.slug);
        const campaigns = accounts.flatMap((a) => world.campaigns(a.platform, a.id));
        expect(campaigns.length).toBeGreaterThanOrEqual(20);
        expect(campaigns.length).toBeLessThanOrEqual(40);
        for (const account of accounts) {
          const groups = world.adGroups(account.platform, account.id);
          const ads = world.ads(account.platform, account.id);
          for (const campaign of world.campaigns(account.platform, account.id)) {
            expect(groups.filter((g) => g.campaignId === campaign.id).length, campaign.name).toBeGreaterThanOrEqual(1);
            expect(ads.filter((ad) => ad.campaignId === campaign.id).length, campaign.name).toBeGreaterThanOrEqual(2);
          }
        }
      });

      it('shows active, paused and ended campaigns in the dashboard’s default 28 days, deleted ones in the 90-day backfill', () => {
        const world = devWorld();
        const statusesWithDelivery = (days: number) => {
          const statuses = new Set<string>();
          for (const account of tenantAccounts(world, tenant.slug)) {
            const today = world.today(account);
            const delivered = new Set(
              world.groundTruth(account.platform, account.id, addDays(today, -(days - 1)), today).map((f) => f.campaignId),
            );
            for (const c of world.campaigns(account.platform, account.id)) if (delivered.has(c.id)) statuses.add(c.status);
          }
          return statuses;
        };
        const recent = statusesWithDelivery(28);
        expect(recent).toContain('ACTIVE');
        expect(recent).toContain('PAUSED');
        expect(ENDED.some((s) => recent.has(s))).toBe(true);
        expect(statusesWithDelivery(DEMO_BACKFILL_DAYS)).toEqual(new Set(['ACTIVE', 'PAUSED', ...ENDED]));
      });

      it('is the same on every start of the same day, and keeps its accounts and names on another day', () => {
        const a = tenantAccounts(devWorld(), tenant.slug);
        expect(tenantAccounts(devWorld(), tenant.slug)).toEqual(a);
        const later = devWorld(new Date('2027-03-02T09:00:00Z'));
        const b = tenantAccounts(later, tenant.slug);
        expect(b.map((x) => [x.id, x.name, x.currency])).toEqual(a.map((x) => [x.id, x.name, x.currency]));
        expect(b.flatMap((x) => later.campaigns(x.platform, x.id)).length).toBe(
          a.flatMap((x) => devWorld().campaigns(x.platform, x.id)).length,
        );
      });
    });
  }

  it('leaves the small cast the e2e tests connect at one ad account per grant', () => {
    const world = createWorld({ now: NOW, speed: 0 });
    for (const tenant of DEMO_TENANTS) {
      for (const connection of DEMO_CONNECTIONS.filter((c) => c.tenantSlug === tenant.slug)) {
        expect(world.members(connection.platform).find((m) => m.key === connection.memberKey)!.accountIds).toHaveLength(1);
      }
    }
  });
});
