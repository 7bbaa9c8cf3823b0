import type { HttpFailure } from '../../../worker/connectors/http';
import type { NormalizedDailyRow } from '../../../worker/connectors/types';

/** What a naive client returns: the same rows our connector produces, and the HTTP calls it took. */
export type NaiveResult = { rows: NormalizedDailyRow[]; apiCalls: number };

/** The naive clients exist only to be counted: any failure ends the benchmark loudly. */
export function naiveFailure(label: string, failure: HttpFailure): Error {
  const detail =
    failure.type === 'http'
      ? `HTTP ${failure.status}: ${failure.text.slice(0, 300)}`
      : `${failure.type}: ${'message' in failure ? failure.message : ''}`;
  return new Error(`naive ${label} failed (${detail})`);
}
