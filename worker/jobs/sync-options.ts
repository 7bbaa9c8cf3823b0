import type { Platform } from '../../db/schema/enum-values';
import type { SyncOptions } from '../connectors/types';
import type { SyncMessage } from './messages';

type Timing = Pick<SyncMessage, 'lane' | 'enqueuedAt'>;

/**
 * Names and statuses change rarely: the hot lane (every 15 minutes) refreshes them once an hour,
 * every other lane always does. Entity calls are most of a hot sync's calls otherwise.
 */
export function wantsEntities(message: Timing): boolean {
  return message.lane !== 'hot' || firstRunOfHour(message);
}

/**
 * Today's hourly pacing rows ride on the hot lane once an hour, where the platform has them
 * (LinkedIn is daily only); on Meta they cost an extra report, so not every 15 minutes.
 */
export function wantsHourly(message: Timing, platform: Platform): boolean {
  return message.lane === 'hot' && platform !== 'linkedin' && firstRunOfHour(message);
}

/** What one sync asks the platform for besides the daily rows. */
export function syncOptions(message: Timing, platform: Platform): SyncOptions {
  return { includeEntities: wantsEntities(message), includeHourly: wantsHourly(message, platform) };
}

function firstRunOfHour(message: Pick<SyncMessage, 'enqueuedAt'>): boolean {
  return new Date(message.enqueuedAt).getUTCMinutes() < 15;
}
