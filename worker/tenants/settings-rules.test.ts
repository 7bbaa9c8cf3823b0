import { describe, expect, it } from 'vitest';
import { settingsChanges, tenantSettingsSchema } from './settings-rules';

const messages = (input: unknown) => tenantSettingsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the settings a tenant’s admins may send', () => {
  it('accepts a currency the FX layer has rates for and an IANA time zone', () => {
    expect(tenantSettingsSchema.parse({ reportingCurrency: 'JPY', timeZone: 'Asia/Tokyo' })).toEqual({
      reportingCurrency: 'JPY',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('names a well-formed currency without rates, and says what a malformed one should look like (once)', () => {
    expect(messages({ reportingCurrency: 'XYZ' })).toEqual([
      expect.stringMatching(/^reportingCurrency: No exchange rates are kept for XYZ; choose one of .*USD/),
    ]);
    expect(messages({ reportingCurrency: 'eur' })).toEqual(['reportingCurrency: An ISO 4217 code in capitals, like EUR.']);
  });

  it('refuses a time zone the IANA database does not have', () => {
    expect(messages({ timeZone: 'Mars/Olympus_Mons' })).toEqual(['timeZone: Must be an IANA time zone like Europe/Berlin.']);
  });

  it('takes hex colours and a display name, or null to clear one, and nothing else', () => {
    expect(tenantSettingsSchema.parse({ branding: { primaryColor: '#0f766e', accentColor: null, displayName: '  Acme  ' } })).toEqual({
      branding: { primaryColor: '#0f766e', accentColor: null, displayName: 'Acme' },
    });
    expect(messages({ branding: { primaryColor: 'red' } })).toEqual(['branding.primaryColor: Must be a hex colour like #0f766e.']);
    expect(messages({ branding: { logoUrl: 'https://cdn.example.com/a.png' } })).toHaveLength(1);
    expect(messages({ status: 'suspended' })).toHaveLength(1);
  });
});

describe('settingsChanges', () => {
  const current = { reportingCurrency: 'USD', timeZone: 'UTC', branding: { primaryColor: '#aa3300', logoSha256: 'a'.repeat(64) } };

  it('writes only what differs and lists each change', () => {
    expect(settingsChanges(current, { reportingCurrency: 'EUR', timeZone: 'UTC' })).toEqual({
      set: { reportingCurrency: 'EUR' },
      changes: [{ field: 'reportingCurrency', from: 'USD', to: 'EUR' }],
    });
  });

  it('merges branding into what is stored, clearing a field set to null and keeping the kept logo', () => {
    expect(settingsChanges(current, { branding: { primaryColor: null, accentColor: '#225588' } })).toEqual({
      set: { branding: { accentColor: '#225588', logoSha256: 'a'.repeat(64) } },
      changes: [
        { field: 'branding.primaryColor', from: '#aa3300', to: null },
        { field: 'branding.accentColor', from: null, to: '#225588' },
      ],
    });
  });

  it('is a no-op for a request that repeats the current values', () => {
    expect(settingsChanges(current, { reportingCurrency: 'USD', branding: { primaryColor: '#aa3300', displayName: null } })).toEqual({
      set: {},
      changes: [],
    });
  });
});
