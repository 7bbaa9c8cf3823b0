/**
 * Who may open a hub socket, by the upgrade's Origin header. Browsers send Origin on every
 * WebSocket handshake and a page cannot forge it, so: an Origin equal to the request's own origin
 * (scheme, host and port; a custom domain is its own origin) is our page; any other Origin,
 * including the opaque "null", is a page of another site riding the user's cookie and is refused.
 * No Origin at all is not a browser (a script, a CLI, a test client): allowed, because without a
 * browser there is no ambient cookie to ride, and the session and membership checks still apply.
 */
export function socketOriginAllowed(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  return origin === new URL(request.url).origin;
}

/** Close code of a hub socket whose session ended (signed out or revoked); the page stops reconnecting. */
export const SESSION_ENDED_CLOSE_CODE = 4001;

/** Headers the Worker sets on an authorized upgrade for the hub (never taken from the client). */
export const HUB_USER_HEADER = 'x-tidemark-user-id';
export const HUB_SESSION_HEADER = 'x-tidemark-session-id';

/** Connection tags of a hub socket, so the hub can find a user's or a session's sockets. */
export function socketTags(userId: string | null, sessionId: string | null): string[] {
  return [...(userId ? [`user:${userId}`] : []), ...(sessionId ? [`session:${sessionId}`] : [])];
}
