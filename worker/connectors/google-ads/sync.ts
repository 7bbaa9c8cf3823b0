/**
 * One Google Ads sync: ONE searchStream per customer per window at ad_group_ad level
 * (plus one hourly stream when asked). Entities come from the same rows: no extra calls.
 */
import { createHttpSession, PASSING_FAILURE_RETRY } from '../http';
import type { ConnectorError, NormalizedHourlyRow, SyncInput, SyncResult } from '../types';
import type { GoogleAdsRow } from './api-types';
import { createGoogleAdsClient, type StreamOutcome } from './client';
import { mapGoogleAdsError, mapGoogleAdsFailure } from './errors';
import { adPerformanceQuery } from './gaql';
import { GoogleAdsMappingError, mapGoogleAdsDailyRow, mapGoogleAdsEntities, mapGoogleAdsHourlyRow } from './mapper';

/** A failed searchStream (HTTP error or error element) → ConnectorError. */
export function streamError(outcome: Exclude<StreamOutcome, { ok: true }>, label: string): ConnectorError {
  return 'streamError' in outcome
    ? mapGoogleAdsError(outcome.streamError, outcome.status, label)
    : mapGoogleAdsFailure(outcome.failure, label);
}

function mapAll<T>(
  rows: GoogleAdsRow[],
  map: (row: GoogleAdsRow) => T,
  label: string,
): { ok: true; value: T[] } | { ok: false; error: ConnectorError } {
  try {
    return { ok: true, value: rows.map(map) };
  } catch (error) {
    if (error instanceof GoogleAdsMappingError || error instanceof RangeError) {
      return { ok: false, error: { kind: 'permanent', message: `${label}: ${error.message}`, code: 'unmappable_row' } };
    }
    throw error;
  }
}

/** The Connector.syncWindow of Google Ads. */
export async function syncGoogleAdsWindow(input: SyncInput): Promise<SyncResult> {
  const session = createHttpSession(input.http, { retry: PASSING_FAILURE_RETRY });
  const client = createGoogleAdsClient({ session, credentials: input.credentials });
  const { externalId, managerExternalId } = input.account;
  const fail = (error: ConnectorError): SyncResult => ({ ok: false, error, usage: [], apiCalls: session.apiCalls });

  const daily = await client.searchStream(externalId, adPerformanceQuery(input.window), managerExternalId);
  if (!daily.ok) return fail(streamError(daily, 'searchStream'));
  const rows = mapAll(daily.rows, mapGoogleAdsDailyRow, 'searchStream');
  if (!rows.ok) return fail(rows.error);

  let hourly: NormalizedHourlyRow[] | undefined;
  if (input.options?.includeHourly) {
    const stream = await client.searchStream(externalId, adPerformanceQuery(input.window, { hourly: true }), managerExternalId);
    if (!stream.ok) return fail(streamError(stream, 'hourly searchStream'));
    const mapped = mapAll(stream.rows, mapGoogleAdsHourlyRow, 'hourly searchStream');
    if (!mapped.ok) return fail(mapped.error);
    hourly = mapped.value;
  }

  const includeEntities = input.options?.includeEntities ?? true;
  return {
    ok: true,
    rows: rows.value,
    ...(hourly ? { hourly } : {}),
    entities: includeEntities ? mapGoogleAdsEntities(daily.rows) : { campaigns: [], adGroups: [], ads: [] },
    nextCursor: null,
    usage: [],
    apiCalls: session.apiCalls,
  };
}
