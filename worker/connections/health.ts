import type { ConnectionStatus } from '../../db/schema/enum-values';

/** Warn this long before a grant stops working, so a person can reconnect in time. */
export const EXPIRY_WARNING_DAYS = 30;

export type ConnectionHealth =
  | { state: 'ok' }
  | { state: 'expiring'; expiresAt: string; message: string }
  | { state: 'needs_reauth'; message: string };

/**
 * How a connection's grant stands. LinkedIn refresh tokens end a fixed year after consent (refreshing
 * does not extend them); Meta's long-lived tokens end after about 60 days and cannot be refreshed;
 * Google refresh tokens do not expire, so only revocation shows up (as needs_reauth).
 */
export function connectionHealth(
  connection: {
    status: ConnectionStatus | null;
    accessExpiresAt: Date | null;
    refreshExpiresAt: Date | null;
    hasRefreshToken: boolean;
  },
  now: Date,
): ConnectionHealth {
  if (connection.status !== 'active') return { state: 'needs_reauth', message: 'The platform refused our access: reconnect this account.' };
  // Without a refresh token the access token's end is the grant's end (Meta).
  const end = connection.hasRefreshToken ? connection.refreshExpiresAt : connection.accessExpiresAt;
  if (!end) return { state: 'ok' };
  if (end.getTime() <= now.getTime()) return { state: 'needs_reauth', message: 'Access expired: reconnect this account.' };
  const daysLeft = (end.getTime() - now.getTime()) / 86_400_000;
  if (daysLeft > EXPIRY_WARNING_DAYS) return { state: 'ok' };
  return {
    state: 'expiring',
    expiresAt: end.toISOString(),
    message: `Access ends in ${Math.ceil(daysLeft)} days: reconnect before then to keep syncing.`,
  };
}
