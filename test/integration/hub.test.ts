import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { getServerByName } from 'partyserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, users } from '../../db/schema';
import { closeSessionSockets } from '../../worker/realtime/close-sockets';
import type { HubMessage } from '../../worker/realtime/events';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb, type TestTenant } from './support';

/** Resolves with the close code once the server closes `socket` (or null after `timeoutMs`). */
function closedBy(socket: WebSocket | null, timeoutMs = 5000): Promise<number | null> {
  return new Promise((resolve) => {
    if (!socket) return resolve(null);
    const timer = setTimeout(() => resolve(null), timeoutMs);
    socket.addEventListener('close', (event) => {
      clearTimeout(timer);
      resolve(event.code);
    });
  });
}

const arranged = superDb();
let a: TestTenant;
let b: TestTenant;
let cookie: string;

beforeAll(async () => {
  a = await createTenantWithData(arranged.db, []);
  b = await createTenantWithData(arranged.db, []);
  cookie = await signInCookie(a.email, a.password, '198.51.100.40');
});
afterAll(() => closeWhenIdle(arranged));

/** Opens a real WebSocket to the tenant's hub through the Worker's fetch handler. */
async function connect(tenantId: string, query = '', headers: Record<string, string> = { cookie }) {
  const res = await call(`/parties/tenant-hub/${tenantId}${query}`, { headers: { upgrade: 'websocket', ...headers } });
  const socket = res.webSocket;
  const messages: HubMessage[] = [];
  const waiters: Array<() => void> = [];
  if (socket) {
    socket.accept();
    socket.addEventListener('message', (event) => {
      messages.push(JSON.parse(event.data as string) as HubMessage);
      for (const wake of waiters.splice(0)) wake();
    });
  }
  async function until(predicate: (all: HubMessage[]) => boolean, timeoutMs = 5000): Promise<HubMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(messages)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return messages;
  }
  return { res, socket, messages, until };
}

describe('TenantHub over real WebSockets', () => {
  it('refuses a connection without a session', async () => {
    const { res } = await connect(a.tenantId, '', {});
    expect(res.status).toBe(401);
  });

  it('answers 404 for another tenant’s hub', async () => {
    const { res } = await connect(b.tenantId);
    expect(res.status).toBe(404);
  });

  it('greets a member and broadcasts published events with increasing sequence numbers', async () => {
    const client = await connect(a.tenantId);
    expect(client.res.status).toBe(101);
    await client.until((m) => m.some((x) => x.type === 'hello'));
    const hub = await getServerByName(env.TenantHub, a.tenantId);
    await hub.publish({
      type: 'metrics-updated',
      adAccountIds: [a.adAccountId],
      platforms: ['meta'],
      from: '2026-11-01',
      to: '2026-11-02',
      dataVersion: 1,
    });
    await hub.publish({
      type: 'metrics-updated',
      adAccountIds: [a.adAccountId],
      platforms: ['meta'],
      from: '2026-11-03',
      to: '2026-11-03',
      dataVersion: 2,
    });
    const all = await client.until((m) => m.filter((x) => x.type === 'metrics-updated').length === 2);
    const seqs = all.filter((x) => x.type === 'metrics-updated').map((x) => (x as { seq: number }).seq);
    expect(seqs[1]).toBe(seqs[0]! + 1);
    client.socket?.close();
  });

  it('coalesces a burst of updates into one broadcast', async () => {
    const hub = await getServerByName(env.TenantHub, a.tenantId);
    const stored = await Promise.all([
      hub.publish({
        type: 'metrics-updated',
        adAccountIds: ['x'],
        platforms: ['meta'],
        from: '2026-11-05',
        to: '2026-11-05',
        dataVersion: 7,
      }),
      hub.publish({
        type: 'metrics-updated',
        adAccountIds: ['y'],
        platforms: ['google_ads'],
        from: '2026-11-04',
        to: '2026-11-04',
        dataVersion: 8,
      }),
    ]);
    expect(stored[0]).toEqual(stored[1]);
    expect(stored[0]).toHaveLength(1);
    expect(stored[0]![0]).toMatchObject({ adAccountIds: ['x', 'y'], from: '2026-11-04', to: '2026-11-05', dataVersion: 8 });
  });

  it('replays what a reconnecting client missed', async () => {
    const hub = await getServerByName(env.TenantHub, a.tenantId);
    const [first] = await hub.publish({ type: 'sync-progress', adAccountId: a.adAccountId, windowsDone: 1, windowsTotal: 3, rows: 10 });
    await hub.publish({ type: 'sync-progress', adAccountId: a.adAccountId, windowsDone: 2, windowsTotal: 3, rows: 20 });
    const client = await connect(a.tenantId, `?since=${first!.seq}`);
    const all = await client.until((m) => m.some((x) => x.type === 'sync-progress'));
    const replayed = all.filter((x) => x.type === 'sync-progress');
    expect(replayed).toHaveLength(1);
    expect(replayed[0]).toMatchObject({ windowsDone: 2, seq: first!.seq + 1 });
    client.socket?.close();
  });

  it('refuses an upgrade whose Origin is another site with 403', async () => {
    const { res } = await connect(a.tenantId, '', { cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
  });

  it('refuses an Origin of this host over another scheme or port, and the opaque origin "null"', async () => {
    for (const origin of ['https://tidemark.test', 'http://tidemark.test:8080', 'null']) {
      expect((await connect(a.tenantId, '', { cookie, origin })).res.status, origin).toBe(403);
    }
  });

  it('accepts a same-origin browser and a client that sends no Origin (still with a session)', async () => {
    const browser = await connect(a.tenantId, '', { cookie, origin: 'http://tidemark.test' });
    expect(browser.res.status).toBe(101);
    const script = await connect(a.tenantId, '', { cookie });
    expect(script.res.status).toBe(101);
    browser.socket?.close();
    script.socket?.close();
  });

  it('closes the sockets of a session when it signs out through the API, and only that session’s', async () => {
    const user = await createTenantWithData(arranged.db, []);
    const leaving = await signInCookie(user.email, user.password, '198.51.100.41');
    const staying = await signInCookie(user.email, user.password, '198.51.100.41');
    const first = await connect(user.tenantId, '', { cookie: leaving });
    const second = await connect(user.tenantId, '', { cookie: staying });
    await first.until((m) => m.some((x) => x.type === 'hello'));
    await second.until((m) => m.some((x) => x.type === 'hello'));
    const firstClosed = closedBy(first.socket);
    const secondClosed = closedBy(second.socket, 1500);
    const out = await call('/api/auth/logout', { method: 'POST', headers: { cookie: leaving } });
    expect(out.status).toBe(204);
    expect(await firstClosed).toBe(4001);
    expect(await secondClosed).toBeNull();
    second.socket?.close();
  });

  it('closes the session’s sockets when it signs out with the sign-out button', async () => {
    const user = await createTenantWithData(arranged.db, []);
    const session = await signInCookie(user.email, user.password, '198.51.100.42');
    const client = await connect(user.tenantId, '', { cookie: session });
    await client.until((m) => m.some((x) => x.type === 'hello'));
    const closed = closedBy(client.socket);
    // Posted as the enhanced form does it: the answer is JSON saying where to go.
    const out = await call('/logout', {
      method: 'POST',
      headers: { cookie: session, origin: 'http://tidemark.test', 'x-sveltekit-action': 'true' },
      body: new URLSearchParams(),
    });
    expect(await out.json()).toMatchObject({ type: 'redirect', location: '/login' });
    expect(await closed).toBe(4001);
  });

  it('closes every socket a user has open in a tenant whose membership was removed, whichever session opened it', async () => {
    const leaver = await createTenantWithData(arranged.db, []);
    const sessions = [
      await signInCookie(leaver.email, leaver.password, '198.51.100.43'),
      await signInCookie(leaver.email, leaver.password, '198.51.100.43'),
    ];
    const clients = await Promise.all(sessions.map((session) => connect(leaver.tenantId, '', { cookie: session })));
    for (const client of clients) await client.until((m) => m.some((x) => x.type === 'hello'));
    const closed = clients.map((client) => closedBy(client.socket));
    const [user] = await arranged.db.select({ id: users.id }).from(users).where(eq(users.email, leaver.email));
    await arranged.db.delete(memberships).where(eq(memberships.userId, user!.id));
    expect(await closeSessionSockets(env, arranged.db, { userId: user!.id, tenantIds: [leaver.tenantId] })).toBe(2);
    expect(await Promise.all(closed)).toEqual([4001, 4001]);
  });
});
