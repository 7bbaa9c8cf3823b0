/**
 * What a benchmark started, stopped in reverse order at the end, on error, on Ctrl-C and after an
 * overall time limit, so nothing (embedded Postgres above all) outlives the command.
 */
export interface BenchLifecycle {
  onStop(name: string, stop: () => Promise<unknown>): void;
  stopAll(): Promise<void>;
}

export function benchLifecycle(timeLimitMs: number): BenchLifecycle {
  const stops: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  let stopping: Promise<void> | null = null;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      for (let next = stops.pop(); next; next = stops.pop()) {
        await next.stop().catch((error: unknown) => console.error(`  could not stop ${next.name}: ${(error as Error).message}`));
      }
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping everything the benchmark started`);
      void stopAll().then(() => process.exit(130));
    });
  }
  const limit = setTimeout(() => {
    console.error(`time limit of ${timeLimitMs / 60_000} min reached: stopping`);
    void stopAll().then(() => process.exit(2));
  }, timeLimitMs);
  limit.unref();
  return { onStop: (name, stop) => stops.push({ name, stop }), stopAll };
}

/** Runs a benchmark's main, reports a failure as exit code 1, and stops everything either way. */
export function runBench(lifecycle: BenchLifecycle, main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    })
    .finally(() => lifecycle.stopAll());
}
