/**
 * Connects the demo tenants to the fake ad platforms through the real OAuth flow, as the agency
 * owner would in a browser; the Worker then backfills them through its queue, so dashboards
 * fill in live. Needs a running Worker (wrangler dev) and the fakes.
 */
import { type AppClient, type ConnectOutcome, connectPlatform, signIn } from './app-client';
import { DEMO_BACKFILL_DAYS, DEMO_CONNECTIONS, type DemoConnection } from './plan';
import { type AccountProgress, allBackfilled, type TenantProgress } from './progress';

export interface DemoConnectOptions {
  appUrl: string;
  fakesUrl: string;
  /** Someone allowed to connect (owner/admin/editor) in every tenant of the plan. */
  login: { email: string; password: string };
  backfillDays?: number;
  connections?: readonly DemoConnection[];
}

export interface DemoConnectResult {
  client: AppClient;
  tenants: Array<{ id: string; slug: string; name: string }>;
  results: Array<DemoConnection & { outcome: ConnectOutcome }>;
}

/** Tells the platform's fake consent dialog who signs in, and to approve without a click. */
async function chooseMember(fakesUrl: string, connection: DemoConnection): Promise<void> {
  const res = await fetch(`${fakesUrl}/_control/oauth/${connection.platform}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ memberId: connection.memberKey, autoApprove: true }),
  });
  if (!res.ok)
    throw new Error(`fakes: choosing ${connection.memberKey} on ${connection.platform} failed: ${res.status} ${await res.text()}`);
}

/**
 * Runs every connect of the plan, one after another (the fake dialog's member choice is global
 * per platform). A reconnect updates the existing connection and accounts and backfills again.
 */
export async function connectDemo(options: DemoConnectOptions): Promise<DemoConnectResult> {
  const client = await signIn(options.appUrl, options.login);
  const connections = options.connections ?? DEMO_CONNECTIONS;
  const results: DemoConnectResult['results'] = [];
  const tenants = new Map<string, DemoConnectResult['tenants'][number]>();
  for (const connection of connections) {
    const tenant = client.tenants.find((t) => t.slug === connection.tenantSlug);
    if (!tenant) throw new Error(`${options.login.email} cannot open tenant ${connection.tenantSlug}`);
    tenants.set(tenant.id, { id: tenant.id, slug: tenant.slug, name: tenant.name });
    await chooseMember(options.fakesUrl, connection);
    const outcome = await connectPlatform(client, tenant.id, connection.platform, options.backfillDays ?? DEMO_BACKFILL_DAYS);
    results.push({ ...connection, outcome });
  }
  return { client, tenants: [...tenants.values()], results };
}

export async function readProgress(client: AppClient, tenants: ReadonlyArray<{ id: string; name: string }>): Promise<TenantProgress[]> {
  return Promise.all(
    tenants.map(async (t) => ({
      tenant: t.name,
      accounts: (await client.getJson<{ adAccounts: AccountProgress[] }>(`/api/tenants/${t.id}/ad-accounts`)).adAccounts,
    })),
  );
}

/** Polls until every account's backfill is done; `onProgress` sees each reading. */
export async function waitForBackfill(
  client: AppClient,
  tenants: ReadonlyArray<{ id: string; name: string }>,
  options: { timeoutMs: number; intervalMs?: number; onProgress?: (progress: TenantProgress[]) => void; stopped?: () => boolean },
): Promise<TenantProgress[]> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const progress = await readProgress(client, tenants);
    options.onProgress?.(progress);
    if (allBackfilled(progress) || options.stopped?.()) return progress;
    if (Date.now() > deadline) throw new Error(`backfill not finished after ${options.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1000));
  }
}
