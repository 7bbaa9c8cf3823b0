import { describe, expect, it } from 'vitest';
import { tenantSettingsSchema } from '$worker/tenants/settings-rules';
import { fieldErrors } from './form-answer';

describe('fieldErrors', () => {
  it('keeps the first message of each field under the input’s own name', () => {
    const parsed = tenantSettingsSchema.safeParse({
      reportingCurrency: 'XYZ',
      timeZone: 'Nowhere/Else',
      branding: { accentColor: 'blue' },
    });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!.issues)).toEqual({
      reportingCurrency: expect.stringMatching(/^No exchange rates are kept for XYZ/),
      timeZone: 'Must be an IANA time zone like Europe/Berlin.',
      accentColor: 'Must be a hex colour like #0f766e.',
    });
  });

  it('names the form itself for an issue without a path', () => {
    expect(fieldErrors([{ path: [], message: 'Unrecognized key' }])).toEqual({ form: 'Unrecognized key' });
  });
});
