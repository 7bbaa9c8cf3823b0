import { describe, expect, it } from 'vitest';
import { newEndpointSecret, signatureHeader, verifySignature } from './signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = JSON.stringify({ id: 'evt_1', type: 'backfill.completed' });

  it('verifies a signature made with the same secret, body and a recent timestamp', async () => {
    const header = await signatureHeader(secret, body, 1_764_000_000);
    expect(header).toMatch(/^t=1764000000,v1=[0-9a-f]{64}$/);
    expect(await verifySignature(secret, header, body, 1_764_000_120)).toEqual({ ok: true, timestamp: 1_764_000_000 });
  });

  it.each([
    ['another secret', 'whsec_other', body, 1_764_000_000, 'does not match'],
    ['a changed body', secret, `${body} `, 1_764_000_000, 'does not match'],
    ['a timestamp older than 300 s', secret, body, 1_764_000_000 + 301, 'outside the tolerance'],
  ])('refuses %s', async (_case, checkSecret, checkBody, now, reason) => {
    const header = await signatureHeader(secret, body, 1_764_000_000);
    expect(await verifySignature(checkSecret, header, checkBody, now)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('refuses a missing or malformed header', async () => {
    expect((await verifySignature(secret, null, body, 0)).ok).toBe(false);
    expect(await verifySignature(secret, 'v1=abc', body, 0)).toEqual({ ok: false, reason: 'malformed signature header' });
  });

  it('makes a new, unguessable secret each time', () => {
    const a = newEndpointSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newEndpointSecret()).not.toBe(a);
  });
});
