/** Slot maths of the fleet benchmark: which cron fires when, in simulated time. */
import { NIGHTLY_CRON } from '../../../worker/jobs/plan';
import { SLOT_MS } from './fleet-options';

export const HOT_CRON = '*/15 * * * *';
export { NIGHTLY_CRON };

const DAY_MS = 86_400_000;
/** 02:30 UTC, the nightly trigger of wrangler.toml. */
const NIGHTLY_OFFSET_MS = (2 * 60 + 30) * 60_000;

export interface CronEvent {
  simMs: number;
  cron: string;
}

export interface ConnectEvent {
  simMs: number;
  tenantIndex: number;
}

/**
 * Every cron the schedule fires in (startMs, endMs]: the hot cron at each 15-minute slot and the
 * nightly cron at 02:30 UTC (both fire at 02:30, as both triggers match then), in time order.
 */
export function cronEvents(startMs: number, endMs: number): CronEvent[] {
  const events: CronEvent[] = [];
  for (let slot = Math.floor(startMs / SLOT_MS) * SLOT_MS + SLOT_MS; slot <= endMs; slot += SLOT_MS) {
    events.push({ simMs: slot, cron: HOT_CRON });
    if (slot % DAY_MS === NIGHTLY_OFFSET_MS) events.push({ simMs: slot, cron: NIGHTLY_CRON });
  }
  return events;
}

/**
 * When each tenant connects: the first `tenants - late` at the start, the late ones spread evenly
 * inside the run (never on its last slot, so their backfill and hot lane are measured).
 */
export function connectEvents(startMs: number, endMs: number, tenants: number, late: number): ConnectEvent[] {
  const early = tenants - late;
  const events: ConnectEvent[] = Array.from({ length: early }, (_, i) => ({ simMs: startMs, tenantIndex: i }));
  const span = endMs - startMs;
  for (let k = 0; k < late; k++) {
    const at = startMs + Math.floor((span * (k + 1)) / (late + 1) / 60_000) * 60_000 + 7 * 60_000;
    events.push({ simMs: at, tenantIndex: early + k });
  }
  return events;
}

/** The hot slots an account connected at `connectedMs` is due for in (connectedMs, endMs]. */
export function dueSlots(connectedMs: number, endMs: number): number[] {
  return cronEvents(connectedMs, endMs)
    .filter((e) => e.cron === HOT_CRON)
    .map((e) => e.simMs);
}
