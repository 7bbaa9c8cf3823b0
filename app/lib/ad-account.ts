import type { AdAccountStatus } from '../../db/queries/connections';
import type { ConnectionHealth } from '../../worker/connections/health';

/** One ad account as the Connections page shows it: the API's ad-accounts entry. */
export type AdAccountCardData = Omit<AdAccountStatus, 'hasRefreshToken'> & { connectionHealth: ConnectionHealth };
