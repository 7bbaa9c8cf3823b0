/** The table `npm run pipeline` prints, from the operator API's pipeline-health answer. Pure. */
export interface Line {
  tenant: { slug: string; name: string };
  worstStatus: string;
  accounts: number;
  maxLagMinutes: number | null;
  deferrals: number;
  deadLetters: number;
  callsLastDay: number;
  worstAccounts: Array<{ name: string; platform: string; status: string; nextAllowedAt: string | null }>;
}
export interface Fleet {
  generatedAt: string;
  tenants: Line[];
  appQuotas: Array<{ platform: string; window: 'hour' | 'day'; quota: number; callsInWindow: number; utilizationPct: number }>;
  appBudgets: Array<{
    key: string;
    capacity: number | null;
    tokensLeft: number | null;
    utilizationPct: number;
    blockedUntil: string | null;
    nextAllowedByLane: Record<string, string>;
  }>;
}

const pad = (value: string | number, width: number) => String(value).padEnd(width);
const padStart = (value: string | number, width: number) => String(value).padStart(width);

/** The table as lines of text (pure, so the CLI's output is the API's figures and nothing else). */
export function formatFleet(fleet: Fleet): string[] {
  const out = [`Pipeline health as of ${fleet.generatedAt} (last 24 hours), worst first:`, ''];
  out.push(
    `${pad('tenant', 24)} ${pad('status', 13)} ${padStart('accounts', 8)} ${padStart('max lag', 8)} ${padStart('deferrals', 9)} ${padStart('dead letters', 12)} ${padStart('calls', 7)}`,
  );
  for (const line of fleet.tenants) {
    const lag = line.maxLagMinutes === null ? '—' : `${line.maxLagMinutes} min`;
    out.push(
      `${pad(line.tenant.slug, 24)} ${pad(line.worstStatus, 13)} ${padStart(line.accounts, 8)} ${padStart(lag, 8)} ${padStart(line.deferrals, 9)} ${padStart(line.deadLetters, 12)} ${padStart(line.callsLastDay, 7)}`,
    );
    for (const account of line.worstAccounts) {
      const next = account.nextAllowedAt ? `, next call ${account.nextAllowedAt}` : '';
      out.push(`    ${account.platform} ${account.name}: ${account.status}${next}`);
    }
  }
  if (!fleet.tenants.length) out.push('(no active tenants)');
  out.push('', 'App-wide quotas (shared by every tenant):');
  for (const q of fleet.appQuotas) {
    const window = q.window === 'hour' ? 'this hour' : 'last 24 h';
    out.push(`  ${pad(q.platform, 11)} ${padStart(q.callsInWindow, 7)} of ${q.quota} per ${q.window} (${window}, ${q.utilizationPct}%)`);
  }
  out.push('', 'App-wide budgets now (what the gates admit next):');
  for (const b of fleet.appBudgets) {
    const left =
      b.tokensLeft === null || b.capacity === null ? 'limit not learnt yet' : `${Math.floor(b.tokensLeft)} of ${b.capacity} left`;
    const blocked = b.blockedUntil ? `, blocked until ${b.blockedUntil}` : '';
    out.push(`  ${pad(b.key, 28)} ${left} (${b.utilizationPct}%)${blocked}, backfill may call at ${b.nextAllowedByLane.backfill}`);
  }
  if (!fleet.appBudgets.length) out.push('  (no app-wide budget used yet)');
  return out;
}
