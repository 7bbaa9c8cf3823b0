import type { Database } from '../../db/database';
import { forEachTenant } from '../../db/database';
import { listAdAccountStatus } from '../../db/queries/connections';
import { listDeadLettersAcrossTenants, type SyncTarget } from '../../db/queries/fleet';
import { loggableErrorMessage } from '../../db/query-errors';
import { type FleetSnapshot, recordFleetGauges } from './cron-telemetry';
import type { Telemetry } from './telemetry';

/** Dead letters are counted up to this many (the gauge then reads "at least"); the monitor alerts far below. */
const DEAD_LETTER_COUNT_CAP = 1_000;

/** Reads what the fleet gauges need and records them; a failed read costs the gauges, never the cron. */
export async function recordFleetTelemetry(telemetry: Telemetry, db: Database, targets: SyncTarget[], now: Date): Promise<void> {
  if (!telemetry.enabled) return;
  try {
    recordFleetGauges(telemetry, await readFleetSnapshot(db, targets), now);
  } catch (error) {
    console.warn(JSON.stringify({ level: 'warn', event: 'fleet telemetry skipped', error: loggableErrorMessage(error) }));
  }
}

async function readFleetSnapshot(db: Database, targets: SyncTarget[]): Promise<FleetSnapshot> {
  const syncable = new Set(targets.map((t) => t.adAccountId));
  const perTenant = await forEachTenant(db, new Set(targets.map((t) => t.tenantId)), async (tx) =>
    (await listAdAccountStatus(tx))
      .filter((a) => syncable.has(a.id))
      .map((a) => ({ tenantId: tx.tenantId, adAccountId: a.id, platform: a.platform, lastSyncedAt: a.lastSyncedAt })),
  );
  const deadLetters = await listDeadLettersAcrossTenants(db, { limit: DEAD_LETTER_COUNT_CAP });
  return { accounts: perTenant.flat(), deadLetterDepth: deadLetters.length };
}
