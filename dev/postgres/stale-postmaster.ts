import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** First line of postmaster.pid is the postmaster's PID. */
export function parsePostmasterPid(contents: string): number | null {
  const pid = Number.parseInt(contents.split('\n')[0]?.trim() ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A SIGKILLed Node process leaves its postmaster running (STACK.md P12): find it through the
 * data directory's postmaster.pid and shut it down before starting a new one there.
 */
export async function stopStalePostmaster(dataDir: string, timeoutMs = 10_000): Promise<boolean> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = parsePostmasterPid(readFileSync(pidFile, 'utf8'));
  if (pid === null || !isAlive(pid) || !isPostgres(pid)) return false;
  process.kill(pid, 'SIGINT'); // fast shutdown
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  return true;
}
