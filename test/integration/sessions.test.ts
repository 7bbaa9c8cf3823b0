import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../worker/auth/password';
import { call, closeWhenIdle, createTenantWithData, signInCookie, superDb } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

interface SessionView {
  id: string;
  current: boolean;
  userAgent: string | null;
}
const sessionsOf = async (cookie: string) =>
  ((await (await call('/api/me/sessions', { headers: { cookie } })).json()) as { sessions: SessionView[] }).sessions;
const works = async (cookie: string) => (await call('/api/me', { headers: { cookie } })).status === 200;

describe('a user’s sessions', () => {
  it('lists each session with a handle that is not its stored id, marking the current one', async () => {
    const user = await createTenantWithData(arranged.db, []);
    const laptop = await signInCookie(user.email, user.password, '198.51.100.241');
    const phone = await signInCookie(user.email, user.password, '198.51.100.242');
    const listed = await sessionsOf(laptop);
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    const storedId = await sha256Hex(laptop.split('=')[1]!);
    for (const s of listed) {
      expect(s.id).toMatch(/^[0-9a-f]{24}$/);
      expect(storedId.startsWith(s.id)).toBe(false);
    }
    expect(await works(phone)).toBe(true);
  });

  it('revokes another of one’s own sessions, which stops working at once, and only that one', async () => {
    const user = await createTenantWithData(arranged.db, []);
    const laptop = await signInCookie(user.email, user.password, '198.51.100.243');
    const phone = await signInCookie(user.email, user.password, '198.51.100.244');
    const other = (await sessionsOf(laptop)).find((s) => !s.current)!;
    const res = await call(`/api/me/sessions/${other.id}`, { method: 'DELETE', headers: { cookie: laptop } });
    expect(res.status).toBe(204);
    expect(await works(phone)).toBe(false);
    expect(await works(laptop)).toBe(true);
    expect(await sessionsOf(laptop)).toHaveLength(1);
  });

  it('answers 404 for another user’s session or a malformed handle, and leaves it working', async () => {
    const a = await createTenantWithData(arranged.db, []);
    const b = await createTenantWithData(arranged.db, []);
    const cookieA = await signInCookie(a.email, a.password, '198.51.100.245');
    const cookieB = await signInCookie(b.email, b.password, '198.51.100.246');
    const [theirs] = await sessionsOf(cookieB);
    expect((await call(`/api/me/sessions/${theirs!.id}`, { method: 'DELETE', headers: { cookie: cookieA } })).status).toBe(404);
    expect((await call('/api/me/sessions/not-a-handle', { method: 'DELETE', headers: { cookie: cookieA } })).status).toBe(404);
    expect(await works(cookieB)).toBe(true);
    expect((await call('/api/me/sessions')).status).toBe(401);
  });
});
