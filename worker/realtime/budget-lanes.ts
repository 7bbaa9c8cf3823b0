/**
 * Lane priority when a budget is scarce: hot before settling before backfill. A lane may spend
 * only while the budget stays above its reserve (a share of the scope's capacity), so the last of
 * a budget is always left for the lanes a user is waiting on. Pure.
 */
import type { SyncLane } from '../../db/schema/enum-values';

/** Share of a scope's capacity each lane must leave untouched. Manual runs are an operator waiting: as hot. */
export const LANE_RESERVE: Record<SyncLane, number> = { hot: 0, manual: 0, settling: 0.1, backfill: 0.3 };

/** Lanes in the order they are served when budget is scarce. */
export const LANE_PRIORITY: readonly SyncLane[] = ['hot', 'manual', 'settling', 'backfill'];

/** How much of `capacity` a lane must leave in place. */
export function laneReserve(lane: SyncLane, capacity: number): number {
  return LANE_RESERVE[lane] * capacity;
}
