import { withTenant } from '../../db/database';
import { type DatedHourlyPacing, type HourlyPacing, listHourlyPacing, listHourlySpendBetween } from '../../db/queries/pacing';
import { addDays, type IsoDate } from '../lib/dates';
import { cachedQuery } from '../lib/query-cache';
import { type Cached, type TenantReadScope, timedRead } from './scope';

export const PACING_CACHE_KEY = 'pacing';
export const PACING_COMPARISON_CACHE_KEY = 'pacing-comparison';

/** How many previous days a pacing comparison may ask for (four weeks covers every weekday four times). */
export const MAX_PACING_COMPARISON_DAYS = 28;

/** Hourly spend of one account-local date per currency, cached under the tenant's data version. */
export function readHourlyPacing(scope: TenantReadScope, date: IsoDate): Promise<Cached<HourlyPacing[]>> {
  const { db, tenant } = scope;
  return cachedQuery({ tenantId: tenant.id, dataVersion: tenant.dataVersion }, PACING_CACHE_KEY, { date }, () =>
    timedRead(scope, PACING_CACHE_KEY, () => withTenant(db, tenant.id, (tx) => listHourlyPacing(tx, date))),
  );
}

export interface PacingComparison {
  date: IsoDate;
  /** The previous days compared, oldest first (date - days … date - 1). */
  previousDates: IsoDate[];
  /** Spend per date, hour and currency of `date` and the previous days (days without hourly rows have none). */
  hours: DatedHourlyPacing[];
}

/** Hourly spend of a date and of the `days` dates before it, per currency, cached under the tenant's data version. */
export async function readPacingComparison(scope: TenantReadScope, date: IsoDate, days: number): Promise<Cached<PacingComparison>> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_PACING_COMPARISON_DAYS) throw new RangeError(`days out of range: ${days}`);
  const { db, tenant } = scope;
  const previousDates = Array.from({ length: days }, (_, i) => addDays(date, i - days));
  const window = { from: previousDates[0]!, to: date };
  const cached = await cachedQuery(
    { tenantId: tenant.id, dataVersion: tenant.dataVersion },
    PACING_COMPARISON_CACHE_KEY,
    { date, days },
    () => timedRead(scope, PACING_COMPARISON_CACHE_KEY, () => withTenant(db, tenant.id, (tx) => listHourlySpendBetween(tx, window))),
  );
  return { value: { date, previousDates, hours: cached.value }, hit: cached.hit };
}
