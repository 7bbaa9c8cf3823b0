import { describe, expect, it } from 'vitest';
import { checkEndpoint } from './endpoints';

describe('checkEndpoint', () => {
  const events = ['backfill.completed'];

  it('accepts an https URL and known events, once each', () => {
    expect(checkEndpoint({ url: 'https://hooks.agency.com/tidemark', events: [...events, ...events] }, { allowHttp: false })).toEqual({
      ok: true,
      url: 'https://hooks.agency.com/tidemark',
      events,
    });
  });

  it.each([
    [{ url: 'http://hooks.agency.com/x', events }, 'url', 'must be https'],
    [{ url: 'ftp://hooks.agency.com/x', events }, 'url', 'must be https'],
    [{ url: 'https://user:pw@hooks.agency.com/x', events }, 'url', 'credentials'],
    [{ url: 'not a url', events }, 'url', 'not a URL'],
    [{ url: 42, events }, 'url', 'must be a URL'],
    [{ url: 'https://hooks.agency.com/x', events: [] }, 'events', 'at least one'],
    [{ url: 'https://hooks.agency.com/x', events: ['sync.exploded'] }, 'events', 'unknown event "sync.exploded"'],
  ])('refuses %j, naming the field', (input, field, message) => {
    const checked = checkEndpoint(input, { allowHttp: false });
    expect(checked).toMatchObject({ ok: false, field, message: expect.stringContaining(message) });
  });

  it('allows plain http outside production (the local receiver)', () => {
    expect(checkEndpoint({ url: 'http://127.0.0.1:8790/webhooks/a', events }, { allowHttp: true }).ok).toBe(true);
  });
});
