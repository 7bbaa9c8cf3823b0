/**
 * One Meta sync of one ad account over one window: a single account-level insights report at
 * ad level with one row per day (sync GET for short windows, an async report job for long ones
 * or when Meta says "reduce the amount of data" or times the sync read out), optional hourly rows, then entity metadata.
 */
import { z } from 'zod';
import { type DateWindow, windowLength } from '../../lib/dates';
import { createHttpSession, type HttpFailure } from '../http';
import type {
  ConnectorError,
  NormalizedDailyRow,
  NormalizedEntities,
  NormalizedHourlyRow,
  SyncInput,
  SyncResult,
  UsageSignal,
} from '../types';
import type { MetaInsightsRow } from './api-types';
import { createMetaClient, type MetaClient, type PagesOutcome } from './client';
import { asksForAsyncReport, META_READ_RETRY, mapMetaFailure } from './errors';
import { MetaMappingError, mapMetaDailyRow, mapMetaEntities, mapMetaHourlyRow } from './mapper';
import { latestUsage, parseMetaUsageHeaders } from './usage';

/** Windows longer than this go through an async report job instead of the sync endpoint. */
export const META_ASYNC_AFTER_DAYS = 31;
/** Status polls per delivery of a running report; the queue, not the Worker, waits between deliveries. */
const DEFAULT_MAX_POLLS = 1;
/** How soon a delivery whose report is still running asks to be delivered again. */
export const META_REPORT_POLL_DELAY_MS = 5_000;

const reportCursorSchema = z.object({
  v: z.literal(1),
  /** The async report of this window, when there is one. */
  reportRunId: z.string().optional(),
  /** Where the daily rows continue (a paging.next URL) after a call stopped at the page cap. */
  next: z.string().optional(),
  from: z.string(),
  to: z.string(),
  /** Reports of this window that Meta failed and we started afresh. */
  restarts: z.number().int().min(0).optional(),
});
type ReportCursor = z.infer<typeof reportCursorSchema>;

/**
 * A failed report is started afresh inside the same delivery this often before the window fails:
 * a queue retry would redeliver the failed report's cursor and poll the dead job again.
 */
export const META_MAX_REPORT_RESTARTS = 3;

/** Cursor that resumes a running async report for this window. */
export function encodeMetaCursor(reportRunId: string, window: DateWindow, restarts = 0): string {
  return JSON.stringify({ v: 1, reportRunId, from: window.from, to: window.to, ...(restarts ? { restarts } : {}) } satisfies ReportCursor);
}

/** Cursor that continues this window's daily rows at a paging.next URL. */
export function encodeMetaPageCursor(next: string, window: DateWindow): string {
  return JSON.stringify({ v: 1, next, from: window.from, to: window.to } satisfies ReportCursor);
}

/** A cursor for another window (or garbage) is ignored: starting over is always safe. */
export function decodeMetaCursor(cursor: string | null, window: DateWindow): ReportCursor | null {
  if (!cursor) return null;
  try {
    const parsed = reportCursorSchema.safeParse(JSON.parse(cursor));
    if (!parsed.success || parsed.data.from !== window.from || parsed.data.to !== window.to) return null;
    if (!parsed.data.reportRunId && !parsed.data.next) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Meta ids are sometimes stored with the act_ prefix; the paths add it themselves. */
export const bareAccountId = (id: string) => id.replace(/^act_/, '');

/** `next`: the rows stopped at the page cap and continue there (a paging.next URL). */
type Result<T> = { ok: true; value: T; next?: string } | { ok: false; error: ConnectorError };
type Step<T> = Result<T> | { ok: 'pending'; cursor: string };

/** The Connector.syncWindow of Meta. */
export async function syncMetaWindow(input: SyncInput): Promise<SyncResult> {
  const usage: UsageSignal[] = [];
  const session = createHttpSession(input.http, {
    onHeaders: (headers) => usage.push(...parseMetaUsageHeaders(headers)),
    retry: META_READ_RETRY,
  });
  const client = createMetaClient({ session, accessToken: input.credentials.accessToken });
  const accountId = bareAccountId(input.account.externalId);
  const options = input.options ?? {};
  let managementCalls = 0;
  const finish = <T extends object>(result: T) => ({
    ...result,
    usage: latestUsage(usage),
    apiCalls: session.apiCalls,
    useCaseCalls: { ads_insights: session.apiCalls - managementCalls, ads_management: managementCalls },
  });
  const fail = (error: ConnectorError): SyncResult => finish({ ok: false as const, error });

  const daily = await fetchDailyRows(client, accountId, input);
  if (daily.ok === 'pending') {
    return finish({
      ok: true as const,
      rows: [],
      entities: emptyEntities(),
      nextCursor: daily.cursor,
      retryAfterMs: META_REPORT_POLL_DELAY_MS,
    });
  }
  if (!daily.ok) return fail(daily.error);
  if (daily.next) {
    // More pages than one delivery reads: store these rows, continue at paging.next; hourly rows and
    // entities come with the last page.
    const nextCursor = encodeMetaPageCursor(daily.next, input.window);
    return finish({ ok: true as const, rows: daily.value, entities: emptyEntities(), nextCursor });
  }

  let hourly: NormalizedHourlyRow[] | undefined;
  if (options.includeHourly) {
    const fetched = await fetchHourlyRows(client, accountId, input);
    if (fetched.ok === false) return fail(fetched.error);
    // A still-running hourly report only costs today's pacing detail: keep the daily rows, omit hourly.
    if (fetched.ok === true) hourly = fetched.value;
  }

  let entities = emptyEntities();
  if (options.includeEntities ?? true) {
    const before = session.apiCalls;
    const fetched = await fetchEntities(client, accountId);
    // Entity reads bill ads_management; everything else a sync calls is insights (AD-APIS.md §1.6).
    managementCalls = session.apiCalls - before;
    if (!fetched.ok) return fail(fetched.error);
    entities = fetched.value;
  }
  return finish({ ok: true as const, rows: daily.value, ...(hourly ? { hourly } : {}), entities, nextCursor: null });
}

interface ReportKind<T> {
  hourly: boolean;
  map: (row: MetaInsightsRow) => T;
  /** Only the daily report is kept in the cursor; an hourly one is simply asked for again. */
  resumable: boolean;
}
const DAILY: ReportKind<NormalizedDailyRow> = { hourly: false, map: mapMetaDailyRow, resumable: true };
const HOURLY: ReportKind<NormalizedHourlyRow> = { hourly: true, map: mapMetaHourlyRow, resumable: false };

async function fetchDailyRows(client: MetaClient, accountId: string, input: SyncInput): Promise<Step<NormalizedDailyRow[]>> {
  const resumed = decodeMetaCursor(input.cursor, input.window);
  if (resumed?.next) return mapRows(await client.insightsFrom(resumed.next), mapMetaDailyRow, 'insights', input.cursor);
  if (resumed?.reportRunId) return runReport(client, accountId, input, resumed.reportRunId, DAILY, resumed.restarts ?? 0);
  if (input.options?.forceAsync || windowLength(input.window) > META_ASYNC_AFTER_DAYS) {
    return runReport(client, accountId, input, null, DAILY);
  }
  const outcome = await client.insights(accountId, input.window);
  if (!outcome.ok && asksForAsyncReport(outcome.failure)) return runReport(client, accountId, input, null, DAILY);
  return mapRows(outcome, mapMetaDailyRow, 'insights');
}

/** Hourly rows (24 cells per ad-day) hit the sync size limit sooner; the async job takes over then. */
async function fetchHourlyRows(client: MetaClient, accountId: string, input: SyncInput): Promise<Step<NormalizedHourlyRow[]>> {
  const outcome = await client.insights(accountId, input.window, { hourly: true });
  if (!outcome.ok && asksForAsyncReport(outcome.failure)) return runReport(client, accountId, input, null, HOURLY);
  const rows = mapRows(outcome, mapMetaHourlyRow, 'hourly insights');
  // Past the page cap the hourly rows are incomplete; like a still-running report, they are left out.
  return rows.ok && rows.next ? { ok: 'pending', cursor: '' } : rows;
}

/**
 * Create (or resume) an async report, poll it, then read its rows. A Worker never sleeps on it:
 * a fresh resumable report is handed back as a cursor at once (it cannot be done yet), and a resumed
 * one is polled up to maxAsyncPolls times back to back, then handed back again; the queue's delayed
 * redelivery is the wait. A non-resumable (hourly) report is polled the same way and then given up.
 */
async function runReport<T>(
  client: MetaClient,
  accountId: string,
  input: SyncInput,
  existingRunId: string | null,
  kind: ReportKind<T>,
  restarts = 0,
): Promise<Step<T[]>> {
  let reportRunId = existingRunId;
  if (!reportRunId) {
    const created = await client.createReportRun(accountId, input.window, { hourly: kind.hourly });
    if (!created.ok) return { ok: false, error: mapMetaFailure(created.failure, 'create report run', null) };
    reportRunId = created.items[0] ?? '';
  }
  const pendingCursor = encodeMetaCursor(reportRunId, input.window, restarts);
  if (!existingRunId && kind.resumable) return { ok: 'pending', cursor: pendingCursor };
  const cursor = kind.resumable ? pendingCursor : null;
  const maxPolls = input.options?.maxAsyncPolls ?? DEFAULT_MAX_POLLS;

  for (let poll = 0; poll < maxPolls; poll++) {
    const status = await client.reportRun(reportRunId);
    if (!status.ok) return { ok: false, error: mapMetaFailure(status.failure, 'poll report run', cursor) };
    const run = status.items[0];
    if (run?.async_status === 'Job Completed') {
      const rows = await client.reportRunInsights(reportRunId);
      if (!rows.ok) return { ok: false, error: mapMetaFailure(rows.failure, 'report run insights', cursor) };
      return mapRows(rows, kind.map, 'report run insights', cursor);
    }
    if (run?.async_status === 'Job Failed' || run?.async_status === 'Job Skipped') {
      // Meta's advice for a failed run is a fresh job: started here (its cursor goes back to the queue).
      if (kind.resumable && restarts < META_MAX_REPORT_RESTARTS) return runReport(client, accountId, input, null, kind, restarts + 1);
      const detail = run.error_message ? `: ${run.error_message}` : '';
      return { ok: false, error: { kind: 'transient', message: `report run ${reportRunId} ${run.async_status}${detail}` } };
    }
  }
  return { ok: 'pending', cursor: pendingCursor };
}

/** `cursor`: where a rate-limited read resumes (this delivery's start: always a safe restart point). */
function mapRows<T>(
  outcome: PagesOutcome<MetaInsightsRow>,
  map: (row: MetaInsightsRow) => T,
  label: string,
  cursor: string | null = null,
): Result<T[]> {
  if (!outcome.ok) return { ok: false, error: mapMetaFailure(outcome.failure, label, cursor) };
  try {
    return { ok: true, value: outcome.items.map(map), ...(outcome.next ? { next: outcome.next } : {}) };
  } catch (error) {
    if (error instanceof MetaMappingError || error instanceof RangeError) {
      return { ok: false, error: { kind: 'permanent', message: `${label}: ${error.message}`, code: 'unmappable_row' } };
    }
    throw error;
  }
}

function failureToError(failure: HttpFailure, label: string): ConnectorError {
  return mapMetaFailure(failure, label, null);
}

async function fetchEntities(client: MetaClient, accountId: string): Promise<Result<NormalizedEntities>> {
  const campaigns = await client.campaigns(accountId);
  if (!campaigns.ok) return { ok: false, error: failureToError(campaigns.failure, 'campaigns') };
  const adSets = await client.adSets(accountId);
  if (!adSets.ok) return { ok: false, error: failureToError(adSets.failure, 'adsets') };
  const ads = await client.ads(accountId);
  if (!ads.ok) return { ok: false, error: failureToError(ads.failure, 'ads') };
  return { ok: true, value: mapMetaEntities({ campaigns: campaigns.items, adSets: adSets.items, ads: ads.items }) };
}

const emptyEntities = (): NormalizedEntities => ({ campaigns: [], adGroups: [], ads: [] });
