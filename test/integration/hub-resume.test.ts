import { env } from 'cloudflare:test';
import { getServerByName } from 'partyserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_LOG_LIMIT, type HubEventBody, type HubMessage } from '../../worker/realtime/events';
import { readHubSeq } from '../../worker/realtime/hub-seq';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

const arranged = superDb();
let tenant: TestTenant;
let cookie: string;

beforeAll(async () => {
  tenant = await createTenantWithData(arranged.db, []);
  cookie = await signInCookie(tenant.email, tenant.password, '198.51.100.60');
});
afterAll(() => closeWhenIdle(arranged));

const update = (dataVersion: number): HubEventBody => ({
  type: 'metrics-updated',
  adAccountIds: [tenant.adAccountId],
  platforms: ['meta'],
  from: '2026-11-20',
  to: '2026-11-20',
  dataVersion,
});

/** Renders the overview as a browser would and reads the hub seq the page was rendered with. */
async function renderedSeq(): Promise<number> {
  const res = await call(`/t/${tenant.slug}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const match = /liveSeq:(\d+)/.exec(await res.text());
  expect(match, 'the rendered page carries liveSeq').not.toBeNull();
  return Number(match![1]);
}

async function connect(query: string) {
  const res = await call(`/parties/tenant-hub/${tenant.tenantId}${query}`, { headers: { upgrade: 'websocket', cookie } });
  const socket = res.webSocket!;
  const messages: HubMessage[] = [];
  socket.accept();
  socket.addEventListener('message', (event) => {
    messages.push(JSON.parse(event.data as string) as HubMessage);
  });
  async function until(predicate: (all: HubMessage[]) => boolean, timeoutMs = 5000): Promise<HubMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(messages)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return messages;
  }
  return { socket, messages, until };
}

const seqsOf = (messages: HubMessage[]) => messages.filter((m) => m.type === 'metrics-updated').map((m) => m.seq);

describe('resuming from the seq a page was rendered at', () => {
  it('renders the page with the hub’s newest seq', async () => {
    const hub = await getServerByName(env.TenantHub, tenant.tenantId);
    const [published] = await hub.publish(update(1));
    expect(await renderedSeq()).toBe(published!.seq);
    expect(await readHubSeq(env, tenant.tenantId)).toBe(published!.seq);
  });

  it('delivers an event published between render and connect exactly once, and later ones after it', async () => {
    const hub = await getServerByName(env.TenantHub, tenant.tenantId);
    const since = await renderedSeq();
    const [between] = await hub.publish(update(2));
    const client = await connect(`?since=${since}`);
    await client.until((m) => seqsOf(m).includes(between!.seq));
    const [after] = await hub.publish(update(3));
    const all = await client.until((m) => seqsOf(m).includes(after!.seq));
    expect(seqsOf(all)).toEqual([between!.seq, after!.seq]);
    expect(all.filter((m) => m.type === 'reload')).toEqual([]);
    client.socket.close();
  });

  it('tells a client whose rendered seq fell out of the bounded log to reload fully', async () => {
    const hub = await getServerByName(env.TenantHub, tenant.tenantId);
    const oldSeq = await renderedSeq();
    const burst: HubEventBody[] = Array.from({ length: EVENT_LOG_LIMIT + 1 }, (_, i) => ({
      type: 'sync-progress',
      adAccountId: tenant.adAccountId,
      windowsDone: i,
      windowsTotal: EVENT_LOG_LIMIT + 1,
      rows: i,
    }));
    await hub.publish(...burst);
    const client = await connect(`?since=${oldSeq}`);
    const all = await client.until((m) => m.some((x) => x.type === 'reload'));
    expect(all.find((m) => m.type === 'reload')).toMatchObject({ reason: 'resume-too-old', seq: oldSeq + EVENT_LOG_LIMIT + 1 });
    expect(all.filter((m) => m.type === 'sync-progress')).toEqual([]);
    client.socket.close();
  });
});
