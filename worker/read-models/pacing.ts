import { withTenant } from '../../db/database';
import { type HourlyPacing, listHourlyPacing } from '../../db/queries/pacing';
import type { IsoDate } from '../lib/dates';
import { cachedQuery } from '../lib/query-cache';
import { type Cached, type TenantReadScope, timedRead } from './scope';

export const PACING_CACHE_KEY = 'pacing';

/** Hourly spend of one account-local date per currency, cached under the tenant's data version. */
export function readHourlyPacing(scope: TenantReadScope, date: IsoDate): Promise<Cached<HourlyPacing[]>> {
  const { db, tenant } = scope;
  return cachedQuery({ tenantId: tenant.id, dataVersion: tenant.dataVersion }, PACING_CACHE_KEY, { date }, () =>
    timedRead(scope, PACING_CACHE_KEY, () => withTenant(db, tenant.id, (tx) => listHourlyPacing(tx, date))),
  );
}
