import { describe, expect, it } from 'vitest';
import { filterSlug, reportApiQuery, viewFromUrl, viewHref, viewSearch } from './dashboard-view';

const now = new Date('2026-12-02T15:00:00Z');
const view = (search: string) => viewFromUrl(new URLSearchParams(search), 'Europe/Berlin', now);
const ACCOUNT = '11111111-1111-4111-8111-111111111111';

describe('viewFromUrl', () => {
  it('defaults to the last 28 days against the previous period in the reporting currency', () => {
    expect(view('')).toMatchObject({
      range: { from: '2026-11-05', to: '2026-12-02' },
      preset: 'last-28',
      compare: 'previous',
      comparison: { from: '2026-10-08', to: '2026-11-04' },
      platforms: null,
      accounts: null,
      campaigns: null,
      currency: 'reporting',
    });
  });

  it('reads a preset, a fixed range, a comparison, filters and the currency view', () => {
    expect(view('range=last-month&compare=last-year')).toMatchObject({
      range: { from: '2026-11-01', to: '2026-11-30' },
      comparison: { from: '2025-11-01', to: '2025-11-30' },
    });
    const custom = view(`from=2026-10-01&to=2026-10-15&platform=meta&platform=linkedin&account=${ACCOUNT}&currency=original&compare=none`);
    expect(custom).toMatchObject({
      range: { from: '2026-10-01', to: '2026-10-15' },
      preset: null,
      comparison: null,
      platforms: ['meta', 'linkedin'],
      accounts: [ACCOUNT],
      currency: 'original',
    });
  });

  it('lets a preset win over dates a form also sent, and ignores what it cannot use', () => {
    expect(view('range=today&from=2026-01-01&to=2026-01-02').range).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    const junk = view('from=2026-10-15&to=2026-10-01&compare=bogus&platform=tiktok&account=x&campaign=1');
    expect(junk).toMatchObject({ preset: 'last-28', compare: 'previous', platforms: null, accounts: null, campaigns: null });
    expect(view('from=2024-01-01&to=2026-01-01').preset).toBe('last-28');
  });
});

describe('view links', () => {
  it('round-trips through the URL, leaving defaults out', () => {
    const search = `range=last-7&compare=last-year&platform=meta&account=${ACCOUNT}&currency=original`;
    expect(viewSearch(view(search))).toBe(search);
    expect(viewSearch(view(''))).toBe('');
    expect(viewSearch(view('from=2026-10-01&to=2026-10-15'))).toBe('from=2026-10-01&to=2026-10-15');
  });

  it('changes one thing of a view', () => {
    expect(viewHref('/t/acme', view('platform=meta'), { platforms: null })).toBe('/t/acme');
    expect(viewHref('/t/acme/ads', view(''), { preset: 'today', range: { from: '2026-12-02', to: '2026-12-02' } })).toBe(
      '/t/acme/ads?range=today',
    );
  });

  it('asks the report API for resolved dates and names the filters in file names', () => {
    expect(reportApiQuery(view('range=yesterday&platform=google_ads'), { limit: '5' })).toBe(
      'from=2026-12-01&to=2026-12-01&compare=previous&currency=reporting&platform=google_ads&limit=5',
    );
    expect(filterSlug(view(`range=yesterday&platform=google_ads&account=${ACCOUNT}&currency=original`))).toBe(
      '2026-12-01_2026-12-01_google_ads_1-accounts_original-currency',
    );
  });
});
