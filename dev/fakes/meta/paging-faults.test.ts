import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMetaFake, signIn, startMetaFake } from './test-server';

let fake: RunningMetaFake;
let token: string;
let account: string;
const get = async (url: string) =>
  (await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    data: { id: string }[];
    paging?: { next?: string };
  };

beforeAll(async () => {
  fake = await startMetaFake();
  token = await signIn(fake.url, { loginHint: 'demo' });
  account = fake.ctx.world.accounts('meta')[0]!.id;
});
afterAll(() => fake.close());

describe('Meta fake repeat_cursor fault', () => {
  const firstPage = () => `${fake.url}/v23.0/act_${account}/ads?fields=id&limit=1`;

  it('makes a page reached with a cursor hand that same cursor back as its next, for the faulted account only', async () => {
    const clean = await get(firstPage());
    const cleanSecond = await get(clean.paging!.next!);
    expect(cleanSecond.paging?.next).toBeDefined();
    expect(cleanSecond.paging?.next).not.toBe(clean.paging!.next);

    fake.ctx.faults.add({ service: 'meta', kind: 'repeat_cursor', accountId: account, remaining: Number.POSITIVE_INFINITY });
    try {
      const first = await get(firstPage());
      // The first page is the platform's own: its next moves on.
      expect(first.paging?.next).toBe(clean.paging!.next);
      const second = await get(first.paging!.next!);
      expect(second.data).toEqual(cleanSecond.data);
      expect(second.paging?.next).toBe(first.paging!.next);
      // And again: following it never gets anywhere.
      expect((await get(second.paging!.next!)).paging?.next).toBe(first.paging!.next);
    } finally {
      fake.ctx.faults.clear('meta');
    }
    expect((await get(clean.paging!.next!)).paging?.next).toBe(cleanSecond.paging?.next);
  });
});
