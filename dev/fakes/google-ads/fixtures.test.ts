import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakes } from '../testing';
import { expectSameShape } from './shape';
import { ADWORDS, CLIENT, connect, fixture, search, searchStream } from './test-support';

type Fakes = Awaited<ReturnType<typeof startFakes>>;
let fakes: Fakes;
let base: string;
let token: string;
let refreshToken: string;
let manager: string;
let client: string;

beforeAll(async () => {
  fakes = await startFakes({ seed: 7, now: new Date('2026-03-14T15:00:00Z'), speed: 0 });
  fakes.ctx.regimes.google_ads.qpsPerCustomer = 10_000;
  base = `${fakes.url}/google-ads`;
  const tokens = await connect(base);
  token = tokens.access_token;
  refreshToken = tokens.refresh_token;
  const accounts = fakes.ctx.world.accounts('google_ads');
  manager = accounts.find((a) => a.isManager)!.id;
  client = accounts.find((a) => a.managerId === manager)!.id;
});
afterAll(() => fakes.close());

/** Each recorded payload in ../shared/fixtures/google_ads and how to get its counterpart from the fake. */
const counterparts: Record<string, () => Promise<unknown>> = {
  'customer_client_stream.json': async () =>
    (
      await searchStream(
        base,
        manager,
        'SELECT customer_client.client_customer, customer_client.level, customer_client.id, customer_client.manager, customer_client.time_zone, customer_client.status FROM customer_client WHERE customer_client.level = 1',
        { token },
      )
    ).json,
  'error_resource_exhausted_429.json': async () => {
    const before = fakes.ctx.regimes.google_ads.dailyOperations;
    fakes.ctx.regimes.google_ads.dailyOperations = fakes.ctx.calls.cost({ service: 'google_ads' }, 0);
    try {
      const res = await search(base, client, { query: 'SELECT customer.id FROM customer' }, { token, loginCustomerId: manager });
      expect(res.status).toBe(429);
      return res.json;
    } finally {
      fakes.ctx.regimes.google_ads.dailyOperations = before;
    }
  },
  'error_searchstream_array_400_manager_metrics.json': async () => {
    const res = await searchStream(
      base,
      manager,
      'SELECT customer.id, metrics.clicks FROM customer WHERE segments.date DURING LAST_7_DAYS',
      { token },
    );
    expect(res.status).toBe(400);
    return res.json;
  },
  'list_accessible_customers.json': async () => {
    const res = await fetch(`${base}/v23/customers:listAccessibleCustomers`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.json();
  },
  'oauth_refresh_response.json': async () => {
    const res = await fetch(`${base}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('refresh_token');
    expect(body.scope).toBe(ADWORDS);
    return body;
  },
  'search_paged_response.json': async () => {
    const standalone = fakes.ctx.world.accounts('google_ads').find((a) => !a.isManager && !a.managerId)!.id;
    const res = await search(
      base,
      standalone,
      {
        query:
          "SELECT ad_group_ad.ad.id, segments.date, segments.hour, metrics.impressions FROM ad_group_ad WHERE segments.date BETWEEN '2026-01-10' AND '2026-03-13'",
      },
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(10_000);
    return res.json;
  },
  'searchstream_airbyte_mock_rows.json': async () => {
    const call = { token, loginCustomerId: manager };
    const day = "WHERE segments.date = '2026-03-01'";
    const [adGroup, adGroupAd, customer] = await Promise.all([
      searchStream(
        base,
        client,
        `SELECT campaign.id, ad_group.id, ad_group.name, ad_group.status, ad_group.campaign, segments.date, metrics.cost_micros FROM ad_group ${day}`,
        call,
      ),
      searchStream(
        base,
        client,
        `SELECT ad_group.id, ad_group_ad.ad.id, ad_group_ad.ad.name, ad_group_ad.ad.resource_name, ad_group_ad.status, segments.date, metrics.cost_micros FROM ad_group_ad ${day}`,
        call,
      ),
      searchStream(
        base,
        client,
        `SELECT customer.id, customer.descriptive_name, customer.auto_tagging_enabled, segments.date, metrics.cost_micros FROM customer ${day}`,
        call,
      ),
    ]);
    // The fixture mixes three streams' rows in one batch; compare each stream's first row with its fixture row.
    return [{ results: [adGroup.json[0].results[0], adGroupAd.json[0].results[0], customer.json[0].results[0]] }];
  },
  'searchstream_campaign_daily.json': async () =>
    (
      await searchStream(
        base,
        client,
        'SELECT customer.id, customer.currency_code, customer.time_zone, campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value, metrics.ctr FROM campaign WHERE segments.date DURING LAST_7_DAYS ORDER BY segments.date',
        { token, loginCustomerId: manager },
      )
    ).json,
};

describe('Google Ads fake matches every recorded fixture', () => {
  const files = readdirSync(path.resolve(process.cwd(), '../shared/fixtures/google_ads')).filter((f) => f.endsWith('.json'));

  it('has a counterpart for every fixture file', () => {
    expect(Object.keys(counterparts).sort()).toEqual(files.sort());
  });

  it.each(files.filter((f) => f !== 'searchstream_airbyte_mock_rows.json'))('answers with the shape of %s', async (file) => {
    const actual = await counterparts[file]!();
    // The fake has no keyword criteria; the paging envelope is what this fixture pins down.
    const opaque = file === 'search_paged_response.json' ? ['$.results[*]'] : [];
    expectSameShape(actual, fixture(file), opaque);
  });

  it('answers with the shape of searchstream_airbyte_mock_rows.json, row by row', async () => {
    const actual = (await counterparts['searchstream_airbyte_mock_rows.json']!()) as { results: unknown[] }[];
    const recorded = fixture('searchstream_airbyte_mock_rows.json') as { results: unknown[] }[];
    for (const [i, row] of recorded[0]!.results.entries()) expectSameShape(actual[0]!.results[i], row, [], `$.results[${i}]`);
  });
});
