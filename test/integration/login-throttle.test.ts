import { afterAll, describe, expect, it } from 'vitest';
import { closeWhenIdle, createTenantWithData, postJson, superDb, unique } from './support';

/* Sign-in throttling under concurrency: the limit is a limit even when every guess arrives at once. */

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

function login(email: string, password: string, ip: string): Promise<number> {
  return postJson('/api/auth/login', { email, password }, { 'cf-connecting-ip': ip }).then(async (res) => {
    await res.body?.cancel();
    return res.status;
  });
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('sign-in throttling', () => {
  it('lets at most 5 of 20 parallel wrong guesses at one account through to a 401; the rest get 429', async () => {
    const victim = await createTenantWithData(arranged.db, []);
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(victim.email, 'guess', `192.0.2.${100 + i}`)));
    expect(tally(statuses)).toEqual({ 401: 5, 429: 15 });
    expect(await login(victim.email, victim.password, '192.0.2.200')).toBe(429);
  });

  it('lets at most 20 of 30 parallel wrong guesses from one address through to a 401; the rest get 429', async () => {
    const ip = '198.18.1.30';
    const statuses = await Promise.all(Array.from({ length: 30 }, () => login(`${unique('nobody')}@example.test`, 'x', ip)));
    expect(tally(statuses)).toEqual({ 401: 20, 429: 10 });
  });

  it('does not reset an address’s failures when someone signs in from it with their own account', async () => {
    const ip = '198.18.1.31';
    const attacker = await createTenantWithData(arranged.db, []);
    for (let i = 0; i < 19; i++) expect(await login(`${unique('nobody')}@example.test`, 'x', ip)).toBe(401);
    expect(await login(attacker.email, attacker.password, ip)).toBe(200);
    expect(await login(`${unique('nobody')}@example.test`, 'x', ip)).toBe(401);
    expect(await login(`${unique('nobody')}@example.test`, 'x', ip)).toBe(429);
  });

  it('forgets an account’s failures once its owner signs in, and does not count a successful sign-in against the address', async () => {
    const ip = '198.18.1.32';
    const owner = await createTenantWithData(arranged.db, []);
    for (let i = 0; i < 4; i++) expect(await login(owner.email, 'typo', ip)).toBe(401);
    expect(await login(owner.email, owner.password, ip)).toBe(200);
    for (let i = 0; i < 4; i++) expect(await login(owner.email, 'typo again', ip)).toBe(401);
    // 8 failures and 1 success from this address: 12 more failures reach its limit of 20, not 11.
    for (let i = 0; i < 12; i++) expect(await login(`${unique('nobody')}@example.test`, 'x', ip)).toBe(401);
    expect(await login(`${unique('nobody')}@example.test`, 'x', ip)).toBe(429);
  });
});
