import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShapeOptions, shapeDifferences } from './shape';
import { type RunningMetaFake, signIn, startMetaFake } from './test-server';

const FIXTURES = path.resolve(process.cwd(), '../shared/fixtures/meta');
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
const expectSameShape = (actual: unknown, expected: unknown, options?: ShapeOptions) =>
  expect(shapeDifferences(actual, expected as never, options)).toEqual([]);

let fake: RunningMetaFake;
let token: string;
let account: string;
const get = (pathAndQuery: string, init: RequestInit = {}) =>
  fetch(`${fake.url}/v23.0/${pathAndQuery}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
const form = (params: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(params) });
const range = (since: string, until: string) => JSON.stringify({ since, until });

beforeAll(async () => {
  fake = await startMetaFake();
  token = await signIn(fake.url);
  account = fake.ctx.world.accounts('meta')[0]!.id;
});
afterAll(() => fake.close());

async function createRun(): Promise<string> {
  const res = await get(
    `act_${account}/insights`,
    form({ level: 'ad', time_increment: '1', time_range: range('2026-01-01', '2026-01-31') }),
  );
  return ((await res.json()) as { report_run_id: string }).report_run_id;
}

async function pollUntil(runId: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 10; i++) {
    const body = (await (await get(runId)).json()) as Record<string, unknown>;
    if (body.async_status === status) return body;
  }
  throw new Error(`report run never reached ${status}`);
}

/** One way to make the fake produce each recorded payload's counterpart. */
const cases: Record<string, () => Promise<void>> = {
  'async_report_run_create.json': async () => {
    const res = await get(`act_${account}/insights`, form({ level: 'ad', time_range: range('2026-01-01', '2026-01-31') }));
    expect(res.status).toBe(200);
    expectSameShape(await res.json(), fixture('async_report_run_create.json'), { strict: true });
  },
  'async_report_run_status_running.json': async () => {
    const body = await pollUntil(await createRun(), 'Job Running');
    expectSameShape(body, fixture('async_report_run_status_running.json'));
  },
  'async_report_run_status_completed.json': async () => {
    const body = await pollUntil(await createRun(), 'Job Completed');
    expectSameShape(body, fixture('async_report_run_status_completed.json'));
  },
  'batch_response_example.json': async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 1;
    try {
      await get(`act_${account}/campaigns`); // spends the ads_management budget of 1
      fake.ctx.faults.add({ service: 'meta', kind: 'timeout', pathContains: '/me', remaining: 1 });
      const batch = [
        {
          method: 'GET',
          relative_url: `act_${account}/insights?time_range=${encodeURIComponent(range('2026-01-01', '2026-01-01'))}&fields=account_id`,
        },
        { method: 'GET', relative_url: `act_${account}/ads` },
        { method: 'GET', relative_url: 'me' },
      ];
      const res = await fetch(`${fake.url}/v23.0/`, form({ access_token: token, batch: JSON.stringify(batch), include_headers: 'true' }));
      const body = (await res.json()) as unknown[];
      expectSameShape(body, fixture('batch_response_example.json'));
      expect(body).toHaveLength(3);
      expect(body[2]).toBeNull();
    } finally {
      delete fake.ctx.regimes.meta.accountCallsPerHourOverride;
      fake.ctx.calls.reset();
    }
  },
  'error_17_user_request_limit.json': async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'rate_limit', pathContains: '/me', remaining: 1 });
    const res = await get('me');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: number } };
    expectSameShape(body, fixture('error_17_user_request_limit.json'));
    expect(body.error.code).toBe(17);
  },
  'error_80004_ad_account_too_many_calls.json': async () => {
    fake.ctx.regimes.meta.accountCallsPerHourOverride = 1;
    try {
      await get(`act_${account}/ads`);
      const res = await get(`act_${account}/ads`);
      expect(res.status).toBe(400);
      expectSameShape(await res.json(), fixture('error_80004_ad_account_too_many_calls.json'), { strict: true });
    } finally {
      delete fake.ctx.regimes.meta.accountCallsPerHourOverride;
      fake.ctx.calls.reset();
    }
  },
  'error_reduce_amount_of_data.json': async () => {
    const res = await get(`act_${account}/insights?level=ad&time_increment=1&date_preset=last_90d`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: number; message: string } };
    expectSameShape(body, fixture('error_reduce_amount_of_data.json'));
    expect(body.error).toMatchObject(fixture('error_reduce_amount_of_data.json').error);
  },
  'insights_ad_level_daily_airbyte.json': async () => {
    const recorded = fixture('insights_ad_level_daily_airbyte.json');
    const fields = Object.keys(recorded.data[0]).filter((f) => f !== 'product_id');
    const query = new URLSearchParams({
      level: 'ad',
      time_increment: '1',
      time_range: range('2026-02-01', '2026-02-28'),
      fields: fields.join(','),
      action_attribution_windows: '["1d_click","7d_click","28d_click"]',
      limit: '500',
    });
    const body = (await (await get(`act_${account}/insights?${query}`)).json()) as { data: Record<string, unknown>[] };
    // The recorded rows have conversions in every window; rows of the fake without them leave those keys out.
    const full = body.data.filter(
      (row) => Array.isArray(row.actions) && row.actions.every((a: Record<string, string>) => a['1d_click'] && a['28d_click']),
    );
    expect(full.length).toBeGreaterThan(0);
    expectSameShape({ ...body, data: full }, recorded, { ignore: ['$.data[].product_id'] });
  },
  'insights_campaign_docs_example.json': async () => {
    const res = await get(
      `act_${account}/insights?level=campaign&fields=account_id,campaign_id,impressions,spend&time_range=${range('2026-01-14', '2026-02-12')}`,
    );
    expectSameShape(await res.json(), fixture('insights_campaign_docs_example.json'), { strict: true });
  },
  'insights_level_ad_docs_example.json': async () => {
    const res = await get(`act_${account}/insights?level=ad&fields=impressions,ad_id&date_preset=last_7d`);
    expectSameShape(await res.json(), fixture('insights_level_ad_docs_example.json'), { strict: true });
  },
  'oauth_long_lived_token_exchange.json': async () => {
    const res = await fetch(
      `${fake.url}/v23.0/oauth/access_token?${new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: 'tidemark-dev', client_secret: 'tidemark-dev-secret', fb_exchange_token: token })}`,
    );
    const body = await res.json();
    expectSameShape(body, fixture('oauth_long_lived_token_exchange.json'), { strict: true });
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 5183944 });
  },
  'rate_limit_headers_captured.json': async () => {
    const recorded = fixture('rate_limit_headers_captured.json');
    const res = await get(`act_${account}/insights?date_preset=yesterday`);
    expect(res.headers.get('Facebook-API-Version')).toBe('v23.0');
    expectSameShape(JSON.parse(res.headers.get('X-FB-Ads-Insights-Throttle')!), JSON.parse(recorded['X-FB-Ads-Insights-Throttle']), {
      strict: true,
    });
    const buc = JSON.parse(res.headers.get('X-Business-Use-Case-Usage')!);
    expect(Object.keys(buc)).toEqual([account]);
    expectSameShape(Object.values(buc)[0], Object.values(JSON.parse(recorded['X-Business-Use-Case-Usage']))[0] as never, { strict: true });
    expectSameShape(JSON.parse(res.headers.get('X-Ad-Account-Usage')!), JSON.parse(recorded['X-Ad-Account-Usage_example_shape']), {
      strict: true,
    });
    expectSameShape(JSON.parse(res.headers.get('X-App-Usage')!), JSON.parse(recorded['X-App-Usage_example_shape']), { strict: true });
  },
};

describe('Meta fake matches every recorded payload in shared/fixtures/meta', () => {
  it('has a conformance case for every fixture file', () => {
    expect(Object.keys(cases).sort()).toEqual(
      readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    );
  });
  for (const [name, run] of Object.entries(cases)) it(`answers with the shape of ${name}`, run);
});
