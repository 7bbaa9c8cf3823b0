/** Entity endpoints: the world's hierarchy mapped onto LinkedIn's, search filters, single GETs, projections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS, type LinkedInTestServer, signIn, startLinkedInFake } from './test-server';

let server: LinkedInTestServer;
let headers: Record<string, string>;
let accountId: string;

beforeAll(async () => {
  server = await startLinkedInFake();
  headers = { ...API_HEADERS, Authorization: `Bearer ${(await signIn(server.base, { loginHint: 'demo' })).access_token}` };
  accountId = server.ctx.world.accounts('linkedin')[0]!.id;
});
afterAll(() => server.close());

async function get(path: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${server.base}/rest${path}`, { headers: { ...headers, ...extra } });
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

describe('LinkedIn entities', () => {
  it('serves world campaigns as campaign groups, world ad groups as campaigns and world ads as creatives', async () => {
    const world = server.ctx.world;
    const groups = (await get(`/adAccounts/${accountId}/adCampaignGroups?q=search&pageSize=1000`)).elements;
    const campaigns = (await get(`/adAccounts/${accountId}/adCampaigns?q=search&pageSize=1000`)).elements;
    const creatives = (await get(`/adAccounts/${accountId}/creatives?q=criteria&pageSize=1000`, { 'X-RestLi-Method': 'FINDER' })).elements;
    expect(groups.map((g: any) => String(g.id)).sort()).toEqual(
      world
        .campaigns('linkedin', accountId)
        .map((c) => c.id)
        .sort(),
    );
    expect(campaigns.map((c: any) => String(c.id)).sort()).toEqual(
      world
        .adGroups('linkedin', accountId)
        .map((g) => g.id)
        .sort(),
    );
    expect(creatives.map((c: any) => c.id).sort()).toEqual(
      world
        .ads('linkedin', accountId)
        .map((a) => `urn:li:sponsoredCreative:${a.id}`)
        .sort(),
    );
    for (const group of world.adGroups('linkedin', accountId)) {
      const campaign = campaigns.find((c: any) => String(c.id) === group.id);
      expect(campaign.campaignGroup).toBe(`urn:li:sponsoredCampaignGroup:${group.campaignId}`);
      expect(campaign.account).toBe(`urn:li:sponsoredAccount:${accountId}`);
    }
  });

  it('shows deleted world ads as REMOVED creatives that do not serve', async () => {
    const deleted = server.ctx.world.ads('linkedin', accountId).find((a) => a.status === 'DELETED')!;
    const creative = await get(`/adAccounts/${accountId}/creatives/${encodeURIComponent(`urn:li:sponsoredCreative:${deleted.id}`)}`);
    expect(creative).toMatchObject({
      intendedStatus: 'REMOVED',
      isServing: false,
      campaign: `urn:li:sponsoredCampaign:${deleted.adGroupId}`,
    });
  });

  it('filters campaigns by status and campaign group through the search record', async () => {
    const paused = (await get(`/adAccounts/${accountId}/adCampaigns?q=search&search=(status:(values:List(PAUSED)))`)).elements;
    expect(paused.length).toBeGreaterThan(0);
    expect(paused.every((c: any) => c.status === 'PAUSED')).toBe(true);
    const group = paused[0].campaignGroup as string;
    const inGroup = (
      await get(`/adAccounts/${accountId}/adCampaigns?q=search&search=(campaignGroup:(values:List(${encodeURIComponent(group)})))`)
    ).elements;
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((c: any) => c.campaignGroup === group)).toBe(true);
  });

  it('filters creatives by campaign and intended status', async () => {
    const ad = server.ctx.world.ads('linkedin', accountId).find((a) => a.status === 'ACTIVE')!;
    const found = (
      await get(
        `/adAccounts/${accountId}/creatives?q=criteria&campaigns=List(urn%3Ali%3AsponsoredCampaign%3A${ad.adGroupId})&intendedStatuses=List(ACTIVE)`,
        {
          'X-RestLi-Method': 'FINDER',
        },
      )
    ).elements;
    expect(found.map((c: any) => c.id)).toContain(`urn:li:sponsoredCreative:${ad.id}`);
    expect(found.every((c: any) => c.intendedStatus === 'ACTIVE' && c.campaign === `urn:li:sponsoredCampaign:${ad.adGroupId}`)).toBe(true);
  });

  it('gets single accounts, campaign groups and campaigns, with a fields projection', async () => {
    const group = server.ctx.world.campaigns('linkedin', accountId)[0]!;
    const adGroup = server.ctx.world.adGroups('linkedin', accountId)[0]!;
    expect(await get(`/adAccounts/${accountId}?fields=id,currency`)).toEqual({ id: Number(accountId), currency: expect.any(String) });
    expect((await get(`/adAccounts/${accountId}/adCampaignGroups/${group.id}`)).name).toBe(group.name);
    expect((await get(`/adAccounts/${accountId}/adCampaigns/${adGroup.id}`)).name).toBe(adGroup.name);
  });

  it('gives each campaign a daily budget in the account currency and epoch-millisecond schedules', async () => {
    const account = server.ctx.world.account('linkedin', accountId)!;
    const campaigns = (await get(`/adAccounts/${accountId}/adCampaigns?q=search`)).elements;
    for (const c of campaigns) {
      expect(c.dailyBudget).toEqual({ amount: expect.stringMatching(/^\d+$/), currencyCode: account.currency });
      expect(c.runSchedule.start).toBeGreaterThan(1_600_000_000_000);
    }
  });
});
