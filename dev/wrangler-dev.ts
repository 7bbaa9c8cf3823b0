import { type ChildProcess, spawn } from 'node:child_process';
import { findFreePort } from './postgres/free-port';

export interface WranglerDev {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs `wrangler dev` for the root Worker (the app must be built first) and resolves once
 * /api/health answers. wrangler.toml holds no configuration values, so `vars` is the Worker's
 * whole configuration (see `developmentVars` in dev/dev-vars.ts); they win over a `.dev.vars`.
 */
export async function startWranglerDev(options: {
  port: number;
  vars: Record<string, string>;
  persistTo?: string;
  log?: (line: string) => void;
  testScheduled?: boolean;
}): Promise<WranglerDev> {
  // The devtools inspector defaults to 9229 for every wrangler dev: a second stack on the machine
  // (npm run dev beside an e2e run) would fail to bind it.
  const inspectorPort = await findFreePort();
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(options.port), '--inspector-port', String(inspectorPort)];
  args.push('--show-interactive-dev-session=false');
  if (options.testScheduled) args.push('--test-scheduled');
  if (options.persistTo) args.push('--persist-to', options.persistTo);
  for (const [key, value] of Object.entries(options.vars)) args.push('--var', `${key}:${value}`);
  const child = spawn('npx', args, {
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      options.log?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () => stopProcessGroup(child);
  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- wrangler output ---\n${output.join('\n')}`);
  }
  return { url, stop };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url}/api/health within ${timeoutMs} ms`);
}

/** Stops a detached child and everything it spawned (wrangler starts workerd). */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
