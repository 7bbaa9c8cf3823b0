import { describe, expect, it } from 'vitest';
import { currencyOptions, timeZoneGroups } from './options';

describe('currencyOptions', () => {
  it('names each currency after its code, in the order given', () => {
    expect(currencyOptions(['EUR', 'JPY', 'USD'], 'USD')).toEqual([
      { value: 'EUR', label: 'EUR · Euro' },
      { value: 'JPY', label: 'JPY · Japanese Yen' },
      { value: 'USD', label: 'USD · US Dollar' },
    ]);
  });

  it('keeps a current currency the list no longer has, so the form does not change it by itself', () => {
    expect(currencyOptions(['EUR'], 'BGN').map((o) => o.value)).toEqual(['BGN', 'EUR']);
  });
});

describe('timeZoneGroups', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Africa/Abidjan', 'Europe/Amsterdam'];

  it('puts UTC first, then regions and their places in alphabetical order with readable names', () => {
    expect(timeZoneGroups(zones, 'UTC')).toEqual([
      { label: 'UTC', options: [{ value: 'UTC', label: 'UTC (Coordinated Universal Time)' }] },
      { label: 'Africa', options: [{ value: 'Africa/Abidjan', label: 'Abidjan' }] },
      {
        label: 'America',
        options: [
          { value: 'America/Argentina/Buenos_Aires', label: 'Argentina / Buenos Aires' },
          { value: 'America/New_York', label: 'New York' },
        ],
      },
      {
        label: 'Europe',
        options: [
          { value: 'Europe/Amsterdam', label: 'Amsterdam' },
          { value: 'Europe/Berlin', label: 'Berlin' },
        ],
      },
    ]);
  });

  it('offers a current zone the list does not name (an alias) under Current', () => {
    expect(timeZoneGroups(zones, 'US/Eastern')[0]).toEqual({ label: 'Current', options: [{ value: 'US/Eastern', label: 'US/Eastern' }] });
    expect(timeZoneGroups(zones, 'Europe/Berlin').map((g) => g.label)).toEqual(['UTC', 'Africa', 'America', 'Europe']);
  });

  it('covers every zone of this runtime', () => {
    const all = Intl.supportedValuesOf('timeZone');
    const offered = timeZoneGroups(all, 'UTC').flatMap((g) => g.options.map((o) => o.value));
    expect(offered).toEqual(expect.arrayContaining(all.filter((z) => z.includes('/'))));
  });
});
