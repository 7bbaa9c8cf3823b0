import { beforeEach, describe, expect, it } from 'vitest';
import { parseTimeSeries } from '../../../worker/fx/frankfurter';
import { easterSunday, fakeEurRate, isTargetBusinessDay } from './fx-rates';
import { createServiceTestApp } from './test-app';

// The test app's fake clock stands at 2026-11-29T12:00:00Z, a Sunday.
let t: Awaited<ReturnType<typeof createServiceTestApp>>;
beforeEach(async () => {
  t = await createServiceTestApp();
});

const series = async (path: string) => {
  const res = await t.app.request(`/fx-rates/v1/${path}`);
  return {
    status: res.status,
    body: (await res.json()) as { start_date?: string; end_date?: string; rates?: Record<string, Record<string, number>> },
  };
};

describe('the TARGET calendar', () => {
  it('knows Easter and the TARGET holidays', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    for (const holiday of ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26'])
      expect(isTargetBusinessDay(holiday), holiday).toBe(false);
    expect(isTargetBusinessDay('2026-11-28')).toBe(false);
    expect(isTargetBusinessDay('2026-11-27')).toBe(true);
  });
});

describe('Frankfurter fake', () => {
  it('serves one entry per business day in the range, in the client’s wire format', async () => {
    const { status, body } = await series('2026-11-23..2026-11-29?base=EUR');
    expect(status).toBe(200);
    expect(Object.keys(body.rates!)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(body.end_date).toBe('2026-11-27');
    const rows = parseTimeSeries(body);
    expect(rows.find((r) => r.date === '2026-11-25' && r.quote === 'JPY')!.rate).toBe(String(fakeEurRate('JPY', '2026-11-25')));
  });

  it('starts a series that begins on a holiday at the business day before it', async () => {
    const { body } = await series('2026-04-06..2026-04-07');
    expect(Object.keys(body.rates!)).toEqual(['2026-04-02', '2026-04-07']);
  });

  it('filters quotes with symbols and answers 404 when nothing was published in the range', async () => {
    const { body } = await series('2026-11-27..2026-11-27?symbols=USD,JPY');
    expect(Object.keys(body.rates!['2026-11-27']!).sort()).toEqual(['JPY', 'USD']);
    expect((await series('2026-12-01..2026-12-05')).status).toBe(404);
  });

  it('publishes today’s rates only from the afternoon', async () => {
    t.ctx.world.clock.set(new Date('2026-11-30T10:00:00Z'));
    expect(Object.keys((await series('2026-11-27..2026-11-30')).body.rates!)).toEqual(['2026-11-27']);
    t.ctx.world.clock.set(new Date('2026-11-30T15:30:00Z'));
    expect(Object.keys((await series('2026-11-27..2026-11-30')).body.rates!)).toEqual(['2026-11-27', '2026-11-30']);
  });

  it('answers an injected fault with its own error and records every call', async () => {
    t.ctx.faults.add({ service: 'fx_rates', kind: 'server_error', remaining: 1 });
    expect((await series('2026-11-23..2026-11-27')).status).toBe(500);
    expect((await series('2026-11-23..2026-11-27')).status).toBe(200);
    expect(t.ctx.calls.list({ service: 'fx_rates' }).map((c) => c.status)).toEqual([500, 200]);
  });
});
