import { describe, expect, it } from 'vitest';
import { createFrankfurterClient, FxProviderError, parseTimeSeries } from './frankfurter';

const SERIES = {
  amount: 1.0,
  base: 'EUR',
  start_date: '2026-10-02',
  end_date: '2026-10-05',
  rates: { '2026-10-02': { USD: 1.0823, JPY: 163.24 }, '2026-10-05': { USD: 1.09 } },
};

describe('Frankfurter time series', () => {
  it('reads one row per published day and quote, with the rate as the published decimal text', () => {
    expect(parseTimeSeries(SERIES)).toEqual([
      { date: '2026-10-02', quote: 'USD', rate: '1.0823' },
      { date: '2026-10-02', quote: 'JPY', rate: '163.24' },
      { date: '2026-10-05', quote: 'USD', rate: '1.09' },
    ]);
  });

  it('refuses an answer on another base, a bad date, a bad code or a non-positive rate', () => {
    expect(() => parseTimeSeries({ ...SERIES, base: 'USD' })).toThrow(FxProviderError);
    expect(() => parseTimeSeries({ ...SERIES, rates: { '2026-13': { USD: 1 } } })).toThrow(FxProviderError);
    expect(() => parseTimeSeries({ ...SERIES, rates: { '2026-10-02': { usd: 1 } } })).toThrow(FxProviderError);
    expect(() => parseTimeSeries({ ...SERIES, rates: { '2026-10-02': { USD: 0 } } })).toThrow(FxProviderError);
    expect(() => parseTimeSeries({ base: 'EUR' })).toThrow(FxProviderError);
  });

  it('asks for the range under the configured base URL and treats 404 as no publication', async () => {
    const asked: string[] = [];
    const client = createFrankfurterClient({
      baseUrl: 'https://rates.example/v1/',
      fetch: async (input) => {
        asked.push(String(input));
        return new Response(JSON.stringify({ message: 'not found' }), { status: 404 });
      },
    });
    expect(await client.timeSeries('2030-01-01', '2030-01-31')).toEqual([]);
    expect(asked).toEqual(['https://rates.example/v1/2030-01-01..2030-01-31?base=EUR']);
  });

  it('reports a server error and a body that is not JSON as provider errors', async () => {
    const answering = (body: string, status: number) =>
      createFrankfurterClient({ baseUrl: 'https://rates.example/v1', fetch: async () => new Response(body, { status }) });
    await expect(answering('oops', 500).timeSeries('2026-10-01', '2026-10-02')).rejects.toMatchObject({ status: 500 });
    await expect(answering('{"rates":', 200).timeSeries('2026-10-01', '2026-10-02')).rejects.toThrow(/not JSON/);
  });
});
