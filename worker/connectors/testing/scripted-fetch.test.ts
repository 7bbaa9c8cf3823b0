import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requestJson } from '../http';
import { createScriptedFetch } from './scripted-fetch';

const schema = z.object({ value: z.number() });
const http = (fetch: typeof globalThis.fetch) => ({ fetch, baseUrl: 'http://x' });

describe('createScriptedFetch', () => {
  it('rethrows from assertDone an expectation that failed inside the fetch, although the code under test swallowed it', async () => {
    const scripted = createScriptedFetch([{ expect: (r) => expect(r.method).toBe('POST'), body: { value: 1 } }]);
    const outcome = await requestJson(http(scripted.fetch), { url: 'http://x/a', schema });
    expect(outcome).toMatchObject({ ok: false, failure: { type: 'network' } });
    expect(() => scripted.assertDone()).toThrow("request #1 (GET http://x/a) rejected: expected 'GET' to be 'POST'");
  });

  it('rethrows from assertDone a request the script did not expect', async () => {
    const scripted = createScriptedFetch([{ body: { value: 1 } }]);
    await requestJson(http(scripted.fetch), { url: 'http://x/a', schema });
    const outcome = await requestJson(http(scripted.fetch), { url: 'http://x/b', schema });
    expect(outcome).toMatchObject({ ok: false, failure: { type: 'network' } });
    expect(() => scripted.assertDone()).toThrow('request #2 (GET http://x/b) rejected: the script has no answer left');
  });

  it('lists every rejection and the unused answers when more than one thing went wrong', async () => {
    const scripted = createScriptedFetch([
      { expect: () => expect.fail('first is wrong') },
      { expect: () => expect.fail('second is wrong') },
      { body: { value: 3 } },
    ]);
    await requestJson(http(scripted.fetch), { url: 'http://x/1', schema });
    await requestJson(http(scripted.fetch), { url: 'http://x/2', schema });
    expect(() => scripted.assertDone()).toThrow(
      [
        'scripted fetch:',
        'request #1 (GET http://x/1) rejected: first is wrong',
        'request #2 (GET http://x/2) rejected: second is wrong',
        '1 scripted answer(s) never requested',
      ].join('\n'),
    );
  });

  it('throws from assertDone when scripted answers were never requested', () => {
    const scripted = createScriptedFetch([{ body: {} }]);
    expect(() => scripted.assertDone()).toThrow('1 scripted answer(s) never requested');
  });

  it('passes assertDone once every answer was served to a request it accepted', async () => {
    const scripted = createScriptedFetch([{ expect: (r) => expect(r.url.pathname).toBe('/a'), body: { value: 1 } }]);
    expect(await requestJson(http(scripted.fetch), { url: 'http://x/a', schema })).toMatchObject({ ok: true, body: { value: 1 } });
    expect(() => scripted.assertDone()).not.toThrow();
  });

  // it.fails: this test passes only if it fails, and nothing in its body fails, so only the
  // check the double registered at the end of the test can make it fail.
  it.fails('fails the test that created it by itself when a swallowed expectation was never checked', async () => {
    const scripted = createScriptedFetch([{ expect: (r) => expect(r.method).toBe('POST'), body: { value: 1 } }]);
    const outcome = await requestJson(http(scripted.fetch), { url: 'http://x/a', schema });
    expect(outcome).toMatchObject({ ok: false, failure: { type: 'network' } });
  });
});
