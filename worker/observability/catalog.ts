/**
 * Every metric Tidemark sends to DataDog, listed once: its type and the tags it may carry. The
 * collector only accepts these names (the type system enforces it), and the monitors in
 * docs/datadog/monitors.json may only query these (a unit test enforces that). Pure values.
 */

/** DataDog v2 series types: 1 count (summed per interval), 3 gauge (last value per interval). */
export type MetricType = 'count' | 'gauge';

export const TAG_KEYS = [
  'platform',
  'lane',
  'tenant',
  'outcome',
  'reason',
  'ad_account',
  'scope',
  'queue',
  'query',
  'version',
  'kind',
] as const;
export type TagKey = (typeof TAG_KEYS)[number];

interface MetricSpec {
  type: MetricType;
  tags: readonly TagKey[];
  unit: string;
  description: string;
}

export const METRICS = {
  'tidemark.sync.duration': {
    type: 'gauge',
    tags: ['platform', 'lane', 'tenant', 'outcome'],
    unit: 'millisecond',
    description: 'wall time of one sync job, admission to publish',
  },
  'tidemark.sync.runs': {
    type: 'count',
    tags: ['platform', 'lane', 'tenant', 'outcome'],
    unit: 'job',
    description: 'sync jobs by outcome (ok, deferred, rate_limited, auth_failed, transient, permanent, dropped, crashed)',
  },
  'tidemark.sync.rows': { type: 'count', tags: ['platform', 'lane', 'tenant'], unit: 'row', description: 'daily rows committed' },
  'tidemark.sync.api_calls': {
    type: 'count',
    tags: ['platform', 'lane', 'tenant'],
    unit: 'request',
    description: 'platform API calls made by sync jobs (token refreshes included)',
  },
  'tidemark.sync.deferrals': {
    type: 'count',
    tags: ['platform', 'lane', 'tenant', 'reason'],
    unit: 'job',
    description: 'jobs re-enqueued for later: throttled (a budget or the platform said wait) or continuation',
  },
  'tidemark.sync.queue_lag': {
    type: 'gauge',
    tags: ['platform', 'lane', 'tenant'],
    unit: 'second',
    description: 'time from the slot being planned to its job starting',
  },
  'tidemark.ratelimit.utilization': {
    type: 'gauge',
    tags: ['platform', 'tenant', 'ad_account', 'scope'],
    unit: 'percent',
    description: "the platform's own usage reading (Meta usage headers), per ad account and scope",
  },
  'tidemark.sync.stale_minutes': {
    type: 'gauge',
    tags: ['platform', 'tenant', 'ad_account'],
    unit: 'minute',
    description: 'minutes since the account last synced successfully (emitted by cron)',
  },
  'tidemark.dead_letters.parked': {
    type: 'count',
    tags: ['queue', 'reason'],
    unit: 'message',
    description: 'messages parked in the dead letters (malformed, deferred too often, out of retries)',
  },
  'tidemark.dead_letters.depth': {
    type: 'gauge',
    tags: [],
    unit: 'message',
    description: 'dead letters not yet re-driven (emitted by cron)',
  },
  'tidemark.cron.enqueued': { type: 'count', tags: ['lane'], unit: 'message', description: 'sync messages the cron enqueued' },
  'tidemark.dashboard.query_duration': {
    type: 'gauge',
    tags: ['query', 'tenant'],
    unit: 'millisecond',
    description: 'database time of one read-model query (cache misses only)',
  },
  'tidemark.api_version.days_to_sunset': {
    type: 'gauge',
    tags: ['platform', 'version'],
    unit: 'day',
    description: 'days until the platform stops serving the pinned API version (emitted by cron)',
  },
  'tidemark.telemetry.dropped': {
    type: 'count',
    tags: ['kind'],
    unit: 'item',
    description: 'series points, spans or logs dropped (over the per-invocation bound, or the intake failed)',
  },
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** The tags a metric allows, as a typed record: a tag the catalog does not list is a type error. */
export type MetricTags<M extends MetricName> = Partial<Record<(typeof METRICS)[M]['tags'][number], string>>;

/** What a caller that only records gauges needs (the read models): no configuration, no flushing. */
export interface GaugeSink {
  gauge<M extends MetricName>(metric: M, value: number, tags: MetricTags<M>): void;
}
