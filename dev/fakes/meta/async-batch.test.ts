import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_MS } from './report-runs';
import { type RunningMetaFake, signIn, startMetaFake } from './test-server';

let fake: RunningMetaFake;
let token: string;
let account: string;
const call = (path: string, init: RequestInit = {}) =>
  fetch(`${fake.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
const json = async (res: Response) => (await res.json()) as Record<string, any>;
const post = (params: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(params) });
const NINETY_DAYS = {
  level: 'ad',
  time_increment: '1',
  date_preset: 'last_90d',
  fields: 'ad_id,impressions,spend,actions',
  filtering: '[{"field":"ad.effective_status","operator":"IN","value":["ACTIVE","PAUSED","ARCHIVED","DELETED"]}]',
};

beforeAll(async () => {
  fake = await startMetaFake();
  token = await signIn(fake.url);
  account = fake.ctx.world.accounts('meta')[1]!.id;
});
afterEach(() => {
  fake.ctx.faults.clear();
  fake.ctx.calls.reset();
});
afterAll(() => fake.close());

async function createRun(params: Record<string, string> = NINETY_DAYS, version = 'v23.0'): Promise<string> {
  const body = await json(await call(`/${version}/act_${account}/insights`, post(params)));
  expect(body.report_run_id).toMatch(/^\d+$/);
  return body.report_run_id;
}

describe('Meta fake async insights jobs', () => {
  it('walks Not Started → Started → Running (climbing) → Completed, one step per poll', async () => {
    const runId = await createRun();
    const seen: [string, number][] = [];
    for (let i = 0; i < 6; i++) {
      const run = await json(await call(`/v23.0/${runId}`));
      seen.push([run.async_status, run.async_percent_completion]);
    }
    expect(seen).toEqual([
      ['Job Not Started', 0],
      ['Job Started', 0],
      ['Job Running', 30],
      ['Job Running', 60],
      ['Job Running', 90],
      ['Job Completed', 100],
    ]);
  });

  it('spreads the stages over more polls when the regime gives report jobs more steps, as a big report takes longer', async () => {
    fake.ctx.regimes.meta.reportRunSteps = 12;
    try {
      const runId = await createRun();
      const seen: string[] = [];
      for (let i = 0; i < 13; i++) seen.push((await json(await call(`/v23.0/${runId}`))).async_status);
      expect(seen.indexOf('Job Completed')).toBe(12);
      expect(seen.slice(0, 12).every((status) => status !== 'Job Completed')).toBe(true);
      expect((await json(await call(`/v23.0/${runId}/insights`))).data.length).toBeGreaterThan(0);
    } finally {
      delete fake.ctx.regimes.meta.reportRunSteps;
    }
  });

  it('completes on fake-clock time alone and then serves the rows that the sync endpoint refuses as too much data', async () => {
    expect((await call(`/v23.0/act_${account}/insights?${new URLSearchParams(NINETY_DAYS)}`)).status).toBe(500);
    const runId = await createRun();
    expect((await json(await call(`/v23.0/${runId}/insights`))).error.message).toContain('not ready');
    fake.ctx.world.clock.advance(6 * STAGE_MS);
    const run = await json(await call(`/v23.0/${runId}`));
    expect(run).toMatchObject({ async_status: 'Job Completed', async_percent_completion: 100, account_id: account });
    expect(typeof run.time_completed).toBe('number');
    let url: string | undefined = `${fake.url}/v23.0/${runId}/insights?limit=200`;
    let rows = 0;
    while (url) {
      const page = await json(await fetch(url, { headers: { Authorization: `Bearer ${token}` } }));
      rows += page.data.length;
      url = page.paging?.next;
    }
    const since = run.date_start as string;
    const until = run.date_stop as string;
    expect(rows).toBe(fake.ctx.world.groundTruth('meta', account, since, until, new Date(run.time_completed * 1000)).length);
  });

  it('fails a job through an async_job fault, with v25 error fields only from v25.0 on', async () => {
    fake.ctx.faults.add({ service: 'meta', kind: 'server_error', pathContains: 'async_job', remaining: 2 });
    const v25 = await createRun(NINETY_DAYS, 'v25.0');
    const v23 = await createRun(NINETY_DAYS, 'v23.0');
    fake.ctx.world.clock.advance(6 * STAGE_MS);
    const failed = await json(await call(`/v25.0/${v25}`));
    expect(failed).toMatchObject({ async_status: 'Job Failed', error_code: -2, error_subcode: 2490547, error_message: 'Report Failed' });
    expect(failed.error_user_title).toEqual(expect.any(String));
    const old = await json(await call(`/v23.0/${v23}`));
    expect(old.async_status).toBe('Job Failed');
    expect(old.error_code).toBeUndefined();
  });

  it('validates the job parameters at creation like the sync endpoint', async () => {
    const res = await call(`/v23.0/act_${account}/insights`, post({ fields: 'impressions,bogus' }));
    expect((await json(res)).error.code).toBe(100);
  });
});

describe('Meta fake batch requests', () => {
  const batch = (items: unknown[], extra: Record<string, string> = {}) =>
    fetch(`${fake.url}/v23.0/`, post({ access_token: token, batch: JSON.stringify(items), ...extra }));

  it('answers each item in order with code, headers and a JSON string body, billing each inner call', async () => {
    const res = await batch([
      { method: 'GET', relative_url: 'me?fields=id,name' },
      { method: 'GET', relative_url: `act_${account}/campaigns?fields=id,name` },
      { method: 'GET', relative_url: `act_${account}/insights?date_preset=yesterday` },
    ]);
    const items = (await res.json()) as { code: number; headers: { name: string; value: string }[]; body: string }[];
    expect(items.map((i) => i.code)).toEqual([200, 200, 200]);
    expect(JSON.parse(items[1]!.body).data.length).toBeGreaterThan(0);
    expect(items[2]!.headers.map((h) => h.name)).toContain('X-FB-Ads-Insights-Throttle');
    expect(fake.ctx.calls.cost({ service: 'meta', accountId: account }, 0)).toBe(2);
  });

  it('leaves headers out with include_headers=false and accepts versioned relative URLs', async () => {
    const items = (await (await batch([{ method: 'GET', relative_url: 'v25.0/me' }], { include_headers: 'false' })).json()) as Record<
      string,
      unknown
    >[];
    expect(items[0]).toEqual({ code: 200, body: expect.any(String) });
  });

  it('refuses more than 50 requests with the documented message', async () => {
    const res = await batch(Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: 'me' })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({
      type: 'GraphBatchException',
      message: 'Too many requests in batch message. Maximum batch size is 50',
    });
  });

  it('returns null for items it did not process once the app budget is nearly exhausted', async () => {
    fake.ctx.regimes.meta.appCallsPerHour = 10;
    try {
      const items = (await (await batch(Array.from({ length: 12 }, () => ({ method: 'GET', relative_url: 'me' })))).json()) as unknown[];
      expect(items.slice(0, 9).every((i) => i !== null)).toBe(true);
      expect(items.slice(9)).toEqual([null, null, null]);
    } finally {
      fake.ctx.regimes.meta.appCallsPerHour = 4_800;
    }
  });

  it('rejects unknown item keys and nested batches', async () => {
    expect((await batch([{ method: 'GET', relative_url: 'me', name: 'first' }])).status).toBe(400);
    const nested = (await (await batch([{ method: 'POST', relative_url: 'v23.0/', body: 'batch=[]' }])).json()) as { code: number }[];
    expect(nested[0]!.code).toBe(400);
  });
});
