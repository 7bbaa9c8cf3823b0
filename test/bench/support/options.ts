/** Benchmark sizes from CLI flags (--accounts=20) or env (BENCH_ACCOUNTS=20); --quick picks the small size. */

export type IngestSize = {
  accounts: number;
  adsPerAccount: number;
  campaignsPerAccount: number;
  days: number;
  /** Days per sync transaction, as the backfill lane chunks history. */
  windowDays: number;
  /** Trailing days rewritten by the restatement pass (Meta's 28-day restatement window). */
  restatementDays: number;
};

export type BenchOptions = {
  quick: boolean;
  ingest: IngestSize;
  /** Runs per dashboard query and range. */
  queryRuns: number;
  /** Other tenants loaded beside the measured one, so tenant-leading indexes have something to skip. */
  neighbourTenants: number;
};

export const DEFAULT_INGEST: IngestSize = {
  accounts: 20,
  adsPerAccount: 200,
  campaignsPerAccount: 20,
  days: 90,
  windowDays: 30,
  restatementDays: 28,
};
export const QUICK_INGEST: IngestSize = {
  accounts: 4,
  adsPerAccount: 50,
  campaignsPerAccount: 10,
  days: 60,
  windowDays: 30,
  restatementDays: 28,
};

const FLAGS = {
  accounts: 'BENCH_ACCOUNTS',
  ads: 'BENCH_ADS',
  campaigns: 'BENCH_CAMPAIGNS',
  days: 'BENCH_DAYS',
  'window-days': 'BENCH_WINDOW_DAYS',
  runs: 'BENCH_RUNS',
  neighbours: 'BENCH_NEIGHBOURS',
} as const;
type Flag = keyof typeof FLAGS;

function readFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unrecognised argument ${arg} (use --name=value)`);
    flags.set(match[1]!, match[2] ?? 'true');
  }
  for (const name of flags.keys()) {
    if (name !== 'quick' && !(name in FLAGS))
      throw new Error(
        `unknown flag --${name}; known: --quick, ${Object.keys(FLAGS)
          .map((f) => `--${f}`)
          .join(', ')}`,
      );
  }
  return flags;
}

function integerAtLeast(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

/** Flags win over env; both win over the default (or quick) size. */
export function parseBenchOptions(argv: readonly string[], env: Record<string, string | undefined>): BenchOptions {
  const flags = readFlags(argv);
  const quick = flags.has('quick') ? flags.get('quick') !== 'false' : env.BENCH_SIZE === 'quick';
  const pick = (flag: Flag, fallback: number, min = 1) => {
    const raw = flags.get(flag) ?? env[FLAGS[flag]];
    return raw === undefined ? fallback : integerAtLeast(`--${flag}`, raw, min);
  };
  const base = quick ? QUICK_INGEST : DEFAULT_INGEST;
  const ingest: IngestSize = {
    accounts: pick('accounts', base.accounts),
    adsPerAccount: pick('ads', base.adsPerAccount),
    campaignsPerAccount: pick('campaigns', base.campaignsPerAccount),
    days: pick('days', base.days),
    windowDays: pick('window-days', base.windowDays),
    restatementDays: base.restatementDays,
  };
  if (ingest.campaignsPerAccount > ingest.adsPerAccount) ingest.campaignsPerAccount = ingest.adsPerAccount;
  ingest.restatementDays = Math.min(ingest.restatementDays, ingest.days);
  return { quick, ingest, queryRuns: pick('runs', quick ? 20 : 50), neighbourTenants: pick('neighbours', quick ? 2 : 4, 0) };
}

export function describeIngestSize(size: IngestSize): string {
  const rows = size.accounts * size.adsPerAccount * size.days;
  return `1 tenant, ${size.accounts} ad accounts × ${size.adsPerAccount} ads (${size.campaignsPerAccount} campaigns each) × ${size.days} days = ${rows.toLocaleString('en-US')} rows`;
}
