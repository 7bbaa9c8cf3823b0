import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../testing';
import { connect, search, searchStream } from './test-support';

type Fakes = Awaited<ReturnType<typeof startFakes>>;
let fakes: Fakes;
let base: string;

beforeAll(async () => {
  fakes = await startFakes({ seed: 21, now: new Date('2026-06-02T16:30:00Z'), speed: 0 });
  fakes.ctx.regimes.google_ads.qpsPerCustomer = 10_000;
  base = `${fakes.url}/google-ads`;
});
afterAll(() => fakes.close());

/** Reads every page of a Search query the way a client does: follow nextPageToken until it is absent. */
async function searchAll(cid: string, query: string, call: { token: string; loginCustomerId?: string }) {
  const rows: any[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const res = await search(base, cid, { query, ...(pageToken ? { pageToken } : {}) }, call);
    expect(res.status).toBe(200);
    rows.push(...(res.json.results ?? []));
    pageToken = res.json.nextPageToken;
    pages++;
  } while (pageToken);
  return { rows, pages };
}

describe('a reporting client against the Google Ads fake', () => {
  it('connects, discovers the account tree, reads entities and pages through reports that match the world', async () => {
    const { access_token: token } = await connect(base);

    const accessible = await fetch(`${base}/v26/customers:listAccessibleCustomers`, { headers: { Authorization: `Bearer ${token}` } });
    const { resourceNames } = (await accessible.json()) as { resourceNames: string[] };
    const direct = resourceNames.map((name) => name.split('/')[1]!);

    // Walk the tree: managers list their clients, which are then read with login-customer-id.
    const targets: { cid: string; loginCustomerId?: string }[] = [];
    for (const cid of direct) {
      const tree = await searchStream(
        base,
        cid,
        'SELECT customer_client.id, customer_client.manager, customer_client.level FROM customer_client',
        { token },
      );
      expect(tree.status).toBe(200);
      for (const row of tree.json.flatMap((batch: any) => batch.results ?? [])) {
        if (row.customerClient.manager) continue;
        targets.push({ cid: row.customerClient.id, ...(row.customerClient.id !== cid ? { loginCustomerId: cid } : {}) });
      }
    }
    const world = fakes.ctx.world;
    const expected = world
      .accounts('google_ads')
      .filter((a) => !a.isManager)
      .map((a) => a.id)
      .sort();
    expect(targets.map((t) => t.cid).sort()).toEqual(expected);

    for (const target of targets) {
      const call = { token, ...(target.loginCustomerId ? { loginCustomerId: target.loginCustomerId } : {}) };
      const campaigns = await searchAll(
        target.cid,
        'SELECT campaign.id, campaign.name, campaign.status FROM campaign ORDER BY campaign.id',
        call,
      );
      const worldCampaigns = world.campaigns('google_ads', target.cid);
      expect(campaigns.rows.map((r) => r.campaign.id).sort()).toEqual(worldCampaigns.map((c) => c.id).sort());
      expect(campaigns.rows.every((r) => ['ENABLED', 'PAUSED', 'REMOVED'].includes(r.campaign.status))).toBe(true);

      const account = world.account('google_ads', target.cid)!;
      const until = world.today(account);
      const since = new Date(Date.parse(`${until}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
      const report = await searchAll(
        target.cid,
        `SELECT ad_group_ad.ad.id, ad_group_ad.status, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value FROM ad_group_ad WHERE segments.date BETWEEN '${since}' AND '${until}'`,
        call,
      );
      const truth = world.groundTruth('google_ads', target.cid, since, until);
      const mapped = report.rows
        .map((r) => ({
          adId: r.adGroupAd.ad.id,
          date: r.segments.date,
          impressions: Number(r.metrics.impressions),
          clicks: Number(r.metrics.clicks),
          spendMicros: Number(r.metrics.costMicros),
          conversions: r.metrics.conversions,
          conversionValueMicros: Math.round(r.metrics.conversionsValue * 1e6),
        }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.adId.localeCompare(b.adId));
      const wanted = truth
        .map((f) => ({
          adId: f.adId,
          date: f.date,
          impressions: f.impressions,
          clicks: f.clicks,
          spendMicros: f.spendMicros,
          conversions: f.conversions,
          conversionValueMicros: f.conversionValueMicros,
        }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.adId.localeCompare(b.adId));
      expect(mapped).toEqual(wanted);
      // Deleted ads keep their history under status REMOVED.
      const removedAds = new Set(
        world
          .ads('google_ads', target.cid)
          .filter((a) => a.status === 'DELETED')
          .map((a) => a.id),
      );
      const removedRows = report.rows.filter((r) => removedAds.has(r.adGroupAd.ad.id));
      expect(removedRows.every((r) => r.adGroupAd.status === 'REMOVED')).toBe(true);
    }
  });

  it('pages a large hourly report in 10,000-row pages whose hours add up to the daily rows', async () => {
    const { access_token: token } = await connect(base);
    const jp = fakes.ctx.world.accounts('google_ads').find((a) => !a.isManager && !a.managerId)!;
    const range = "segments.date BETWEEN '2026-03-15' AND '2026-05-31'";
    const hourly = await searchAll(
      jp.id,
      `SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.impressions, metrics.cost_micros FROM ad_group_ad WHERE ${range}`,
      { token },
    );
    expect(hourly.pages).toBeGreaterThan(1);
    const daily = await searchAll(
      jp.id,
      `SELECT ad_group_ad.ad.id, segments.date, metrics.impressions, metrics.cost_micros FROM ad_group_ad WHERE ${range}`,
      { token },
    );
    const sumBy = (rows: any[]) => {
      const sums = new Map<string, [number, number]>();
      for (const r of rows) {
        const key = `${r.adGroupAd.ad.id}|${r.segments.date}`;
        const [cost, impressions] = sums.get(key) ?? [0, 0];
        sums.set(key, [cost + Number(r.metrics.costMicros), impressions + Number(r.metrics.impressions)]);
      }
      return sums;
    };
    expect(sumBy(hourly.rows)).toEqual(sumBy(daily.rows));
  });
});

describe('totals agree across levels', () => {
  it('gives customer, campaign and ad group totals per day equal to the sum of their ad rows', async () => {
    const { access_token: token } = await connect(base);
    const manager = fakes.ctx.world.accounts('google_ads').find((a) => a.isManager)!;
    const client = fakes.ctx.world.accounts('google_ads').find((a) => a.managerId === manager.id)!;
    const call = { token, loginCustomerId: manager.id };
    const metrics = 'metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value';
    const where = 'WHERE segments.date DURING LAST_30_DAYS';
    const read = async (from: string, id: string) => {
      const res = await searchStream(base, client.id, `SELECT ${id}, segments.date, ${metrics} FROM ${from} ${where}`, call);
      expect(res.status).toBe(200);
      return res.json.flatMap((b: any) => b.results ?? []) as any[];
    };
    const totalsPerDay = (rows: any[]) => {
      const days = new Map<string, number[]>();
      for (const r of rows) {
        const t = days.get(r.segments.date) ?? [0, 0, 0, 0, 0];
        const m = r.metrics;
        const values = [Number(m.impressions), Number(m.clicks), Number(m.costMicros), m.conversions * 100, m.conversionsValue * 1e6];
        for (const [i, v] of values.entries()) t[i]! += v;
        days.set(r.segments.date, t);
      }
      return new Map([...days].map(([d, t]) => [d, t.map((v) => Math.round(v))]));
    };
    const ads = totalsPerDay(await read('ad_group_ad', 'ad_group_ad.ad.id'));
    expect(ads.size).toBeGreaterThan(20);
    expect(totalsPerDay(await read('ad_group', 'ad_group.id'))).toEqual(ads);
    expect(totalsPerDay(await read('campaign', 'campaign.id'))).toEqual(ads);
    expect(totalsPerDay(await read('customer', 'customer.id'))).toEqual(ads);
  });

  it('answers a 90-day ad-level report for one account quickly', async () => {
    const { access_token: token } = await connect(base);
    const jp = fakes.ctx.world.accounts('google_ads').find((a) => !a.isManager && !a.managerId)!;
    const started = performance.now();
    const res = await searchStream(
      base,
      jp.id,
      "SELECT ad_group_ad.ad.id, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros FROM ad_group_ad WHERE segments.date BETWEEN '2026-03-05' AND '2026-06-02'",
      { token },
    );
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.json[0].results.length).toBeGreaterThan(300);
    // Well under a second on an idle machine; the bound leaves room for a loaded CI box.
    expect(elapsed).toBeLessThan(3_000);
  });
});
