/** `npm run bench:ws` flags: `--clients N` (or `--clients=N`), `--broadcasts K`, `--app-url URL` to reuse a running `npm run dev`. */
export type WsBenchOptions = {
  clients: number;
  /** Syncs requested through the operator API; each commit publishes at least one hub event. */
  broadcasts: number;
  /** A running `npm run dev` to reuse (its operator token from OPERATOR_TOKEN); null: start an own stack. */
  appUrl: string | null;
  /** Sockets opened at once while connecting (each upgrade checks the session in Postgres). */
  connectConcurrency: number;
};

export const WS_BENCH_DEFAULTS: WsBenchOptions = { clients: 1000, broadcasts: 20, appUrl: null, connectConcurrency: 25 };

const LIMITS = { clients: [1, 20_000], broadcasts: [2, 1_000], connectConcurrency: [1, 500] } as const;

export function parseWsBenchOptions(argv: readonly string[]): WsBenchOptions {
  const options: WsBenchOptions = { ...WS_BENCH_DEFAULTS };
  const args = argv.flatMap((arg) => (arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg]));
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    i += 1;
    if (flag === '--app-url') {
      const url = new URL(value);
      // The benchmark opens a thousand sockets: only ever against this machine.
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('--app-url must be on 127.0.0.1');
      options.appUrl = url.origin;
      continue;
    }
    const key = { '--clients': 'clients', '--broadcasts': 'broadcasts', '--concurrency': 'connectConcurrency' }[flag] as
      | keyof typeof LIMITS
      | undefined;
    if (!key) throw new Error(`unknown flag ${flag}`);
    const n = Number(value);
    const [min, max] = LIMITS[key];
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer from ${min} to ${max}`);
    options[key] = n;
  }
  return options;
}
