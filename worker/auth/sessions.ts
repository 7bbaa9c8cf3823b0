/**
 * A user's sessions as they may see them: a handle derived from the session id (itself the token's
 * SHA-256, which is never shown), when and from where it started, and which one is this request's.
 */
import type { Database } from '../../db/database';
import { deleteUserSession, listUserSessions, type UserSession } from '../../db/queries/auth';
import { sha256Hex } from './password';

export const sessionHandle = async (sessionId: string) => (await sha256Hex(`session-handle:${sessionId}`)).slice(0, 24);

export interface SessionView {
  id: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export async function viewSessions(sessions: UserSession[], currentSessionId: string | null): Promise<SessionView[]> {
  return Promise.all(
    sessions.map(async (s) => ({
      id: await sessionHandle(s.id),
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === currentSessionId,
    })),
  );
}

/** Ends the user's session with this handle; returns its id (to close its sockets) or null. */
export async function revokeSessionByHandle(db: Database, userId: string, handle: string, now = new Date()): Promise<string | null> {
  for (const session of await listUserSessions(db, userId, now)) {
    if ((await sessionHandle(session.id)) === handle) return (await deleteUserSession(db, userId, session.id)) ? session.id : null;
  }
  return null;
}
