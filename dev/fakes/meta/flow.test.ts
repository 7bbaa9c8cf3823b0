import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMetaFake, startMetaFake, TEST_REDIRECT_URI } from './test-server';

type Row = Record<string, any>;
let fake: RunningMetaFake;
const ALL_STATUSES =
  '[{"field":"ad.effective_status","operator":"IN","value":["ACTIVE","PAUSED","ARCHIVED","DELETED","CAMPAIGN_PAUSED","ADSET_PAUSED"]}]';

beforeAll(async () => {
  fake = await startMetaFake();
});
afterAll(() => fake.close());

/** A client that knows only the base URL, the app credentials and Graph's conventions. */
function graphClient(base: string, token: string) {
  const get = async (path: string, params: Record<string, string> = {}) => {
    const res = await fetch(`${base}/v23.0/${path}?${new URLSearchParams(params)}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Row;
    if (!res.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
    return body;
  };
  const all = async (path: string, params: Record<string, string> = {}): Promise<Row[]> => {
    let page = await get(path, params);
    const rows: Row[] = [...page.data];
    while (page.paging?.next) {
      const res = await fetch(page.paging.next, { headers: { Authorization: `Bearer ${token}` } });
      page = (await res.json()) as Row;
      rows.push(...page.data);
    }
    return rows;
  };
  return { get, all };
}

async function oauthLogin(base: string): Promise<string> {
  const dialog = await fetch(
    `${base}/v23.0/dialog/oauth?${new URLSearchParams({ client_id: 'tidemark-dev', redirect_uri: TEST_REDIRECT_URI, scope: 'ads_read,ads_management', state: 's1', response_type: 'code' })}`,
    { redirect: 'manual' },
  );
  expect(dialog.status).toBe(302);
  const location = new URL(dialog.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('s1');
  const short = (await (
    await fetch(
      `${base}/v23.0/oauth/access_token?${new URLSearchParams({ client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', redirect_uri: TEST_REDIRECT_URI, code: location.searchParams.get('code')! })}`,
    )
  ).json()) as Row;
  expect(short.expires_in).toBeLessThanOrEqual(2 * 3600);
  const long = (await (
    await fetch(
      `${base}/v23.0/oauth/access_token?${new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', fb_exchange_token: short.access_token })}`,
    )
  ).json()) as Row;
  return long.access_token;
}

const sum = (rows: Row[], pick: (r: Row) => number) => rows.reduce((total, r) => total + pick(r), 0);
const cents = (value: string | undefined) => Math.round(Number(value ?? 0) * 100);
const purchase = (r: Row, key: 'actions' | 'action_values') => r[key]?.find((a: Row) => a.action_type === 'omni_purchase')?.value;

describe('a client syncing a Meta account through the fake', () => {
  it("signs in, lists accounts and entities, and reads daily ad rows that equal the world's ground truth", async () => {
    const token = await oauthLogin(fake.url);
    const client = graphClient(fake.url, token);
    const me = await client.get('me');
    expect(me.name).toBe('Dana Demo');
    const accounts = await client.all('me/adaccounts', { fields: 'id,account_id,name,currency,timezone_name,account_status', limit: '1' });
    expect(accounts.map((a) => a.id)).toEqual(fake.ctx.world.accounts('meta').map((a) => `act_${a.id}`));
    const account = accounts.find((a) => a.currency === 'USD')!;
    const ads = await client.all(`${account.id}/ads`, {
      fields: 'id,name,status,effective_status,adset_id,campaign_id',
      limit: '4',
      filtering: ALL_STATUSES.replace('ad.effective_status', 'effective_status'),
    });
    expect(ads.length).toBe(fake.ctx.world.ads('meta', account.account_id).length);
    const campaigns = await client.all(`${account.id}/campaigns`, { fields: 'id,name,status,effective_status' });
    expect(campaigns.every((c) => ['ACTIVE', 'PAUSED'].includes(c.effective_status))).toBe(true);

    const rows = await client.all(`${account.id}/insights`, {
      level: 'ad',
      time_increment: '1',
      time_range: JSON.stringify({ since: '2026-02-10', until: '2026-03-10' }),
      fields: 'ad_id,adset_id,campaign_id,impressions,clicks,spend,actions,action_values,account_currency',
      filtering: ALL_STATUSES,
      action_attribution_windows: '["7d_click","1d_view"]',
      limit: '50',
    });
    const truth = fake.ctx.world.groundTruth('meta', account.account_id, '2026-02-10', '2026-03-10');
    const mapped = rows.map((r) => ({
      date: r.date_start,
      adId: r.ad_id,
      adGroupId: r.adset_id,
      campaignId: r.campaign_id,
      accountId: account.account_id,
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      spendMicros: cents(r.spend) * 10_000,
      conversions: Number(purchase(r, 'actions') ?? 0),
      conversionValueMicros: cents(purchase(r, 'action_values')) * 10_000,
    }));
    const byKey = (a: { date: string; adId: string }, b: { date: string; adId: string }) => (a.date + a.adId < b.date + b.adId ? -1 : 1);
    expect(mapped.sort(byKey)).toEqual([...truth].sort(byKey));
    expect(rows.every((r) => r.date_start === r.date_stop && r.account_currency === 'USD' && typeof r.spend === 'string')).toBe(true);
  });
});

describe('Meta fake insights semantics', () => {
  let client: ReturnType<typeof graphClient>;
  let accountId: string;
  const range = JSON.stringify({ since: '2026-02-20', until: '2026-03-09' });
  beforeAll(async () => {
    client = graphClient(fake.url, await oauthLogin(fake.url));
    accountId = fake.ctx.world.accounts('meta')[1]!.id;
  });
  const report = (params: Record<string, string | undefined>) => {
    const merged = { time_range: range, fields: 'impressions,clicks,spend,actions,action_values,reach', limit: '500', ...params };
    return client.all(
      `act_${accountId}/insights`,
      Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined)),
    );
  };

  it('makes account totals equal the sum of ad rows (reach excepted, which is de-duplicated)', async () => {
    const [accountRow] = await report({ level: 'account' });
    const adRows = await report({ level: 'ad', filtering: ALL_STATUSES });
    const campaignRows = await report({ level: 'campaign' });
    for (const rows of [adRows, campaignRows]) {
      expect(sum(rows, (r) => Number(r.impressions))).toBe(Number(accountRow!.impressions));
      expect(sum(rows, (r) => Number(r.clicks))).toBe(Number(accountRow!.clicks));
      expect(sum(rows, (r) => cents(r.spend))).toBe(cents(accountRow!.spend));
      expect(sum(rows, (r) => Number(purchase(r, 'actions') ?? 0))).toBe(Number(purchase(accountRow!, 'actions')));
      expect(sum(rows, (r) => cents(purchase(r, 'action_values')))).toBe(cents(purchase(accountRow!, 'action_values')));
    }
    expect(sum(adRows, (r) => Number(r.reach))).toBeGreaterThan(Number(accountRow!.reach));
  });

  it('leaves DELETED ads out at level=ad unless ad.effective_status filters them in', async () => {
    const deleted = fake.ctx.world.ads('meta', accountId).find((a) => a.status === 'DELETED')!;
    const lastDay = new Date(Date.parse(`${deleted.statusChangedDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 9 * 86_400_000).toISOString().slice(0, 10);
    const window = JSON.stringify({ since: firstDay, until: lastDay });
    const params = { level: 'ad', time_increment: 'all_days', fields: 'ad_id,impressions', time_range: window };
    expect((await report(params)).some((r) => r.ad_id === deleted.id)).toBe(false);
    expect((await report({ ...params, filtering: ALL_STATUSES })).some((r) => r.ad_id === deleted.id)).toBe(true);
    const [accountTotal] = await report({ ...params, level: 'account' });
    expect(sum(await report({ ...params, filtering: ALL_STATUSES }), (r) => Number(r.impressions))).toBe(Number(accountTotal!.impressions));
  });

  it('splits publisher and device platforms so the parts sum exactly to the totals', async () => {
    const threeDays = JSON.stringify({ since: '2026-03-01', until: '2026-03-03' });
    const [total] = await report({ level: 'account', time_range: threeDays });
    const split = await report({ level: 'account', time_range: threeDays, breakdowns: 'publisher_platform,device_platform' });
    expect(new Set(split.map((r) => r.publisher_platform))).toEqual(new Set(['facebook', 'instagram', 'audience_network', 'messenger']));
    expect(sum(split, (r) => Number(r.impressions))).toBe(Number(total!.impressions));
    expect(sum(split, (r) => cents(r.spend))).toBe(cents(total!.spend));
    expect(sum(split, (r) => Number(purchase(r, 'actions') ?? 0))).toBe(Number(purchase(total!, 'actions')));
  });

  it('serves hourly rows in the account time zone that add up to the day, without reach', async () => {
    const day = JSON.stringify({ since: '2026-03-08', until: '2026-03-08' });
    const [daily] = await report({ level: 'account', time_range: day });
    const hourly = await report({ level: 'account', time_range: day, breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone' });
    expect(hourly[0]!.hourly_stats_aggregated_by_advertiser_time_zone).toMatch(/^\d{2}:00:00 - \d{2}:59:59$/);
    expect(sum(hourly, (r) => cents(r.spend))).toBe(cents(daily!.spend));
    expect(sum(hourly, (r) => Number(r.impressions))).toBe(Number(daily!.impressions));
    expect(hourly.some((r) => 'reach' in r)).toBe(false);
  });

  it('buckets by time_increment, monthly and all_days with date_start/date_stop', async () => {
    const weekly = await report({ level: 'account', time_increment: '7' });
    expect(weekly.map((r) => [r.date_start, r.date_stop])).toEqual([
      ['2026-02-20', '2026-02-26'],
      ['2026-02-27', '2026-03-05'],
      ['2026-03-06', '2026-03-09'],
    ]);
    const monthly = await report({ level: 'account', time_increment: 'monthly' });
    expect(monthly.map((r) => [r.date_start, r.date_stop])).toEqual([
      ['2026-02-20', '2026-02-28'],
      ['2026-03-01', '2026-03-09'],
    ]);
  });

  it('returns requested attribution windows inside actions but never 7d_view or 28d_view', async () => {
    const rows = await report({ level: 'account', action_attribution_windows: '["7d_click","1d_view","7d_view","28d_view"]' });
    const action = rows[0]!.actions[0];
    expect(Number(action['7d_click']) + Number(action['1d_view'] ?? 0)).toBe(Number(action.value));
    expect(Object.keys(action)).not.toContain('7d_view');
    expect(Object.keys(action)).not.toContain('28d_view');
  });

  it('prints JPY spend without decimals and leaves metric keys out rather than sending zeros', async () => {
    const jp = fake.ctx.world.accounts('meta').find((a) => a.currency === 'JPY')!;
    const rows = await client.all(`act_${jp.id}/insights`, {
      level: 'ad',
      time_increment: '1',
      date_preset: 'last_14d',
      fields: 'spend,actions,cpc,account_currency',
      limit: '500',
    });
    expect(rows.every((r) => /^\d+$/.test(r.spend) && r.account_currency === 'JPY')).toBe(true);
    expect(rows.some((r) => !('actions' in r))).toBe(true);
    expect(rows.some((r) => 'actions' in r && r.actions.length > 0)).toBe(true);
  });

  it('answers a 28-day ad-level daily report for the biggest account in well under a second', async () => {
    const started = performance.now();
    await report({ level: 'ad', time_increment: '1', date_preset: 'last_28d', filtering: ALL_STATUSES, time_range: undefined });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
