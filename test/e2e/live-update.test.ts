import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_TENANTS } from '../../dev/seed/demo-data';
import { addDays, localToday } from '../../worker/lib/dates';
import { openBrowser, PHONE } from './browser';
import { signIn, spendPathData, spendTile } from './pages';

const appUrl = inject('appUrl');
const fakesUrl = inject('fakesUrl');
const operatorToken = inject('operatorToken');
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const viewer = inject('demoLogins').find((l) => l.email === 'viewer@partner-a.example');

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `${fakesUrl}/_control${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!res.ok) throw new Error(`fakes ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function operator<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${appUrl}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`operator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type SyncStarted = { enqueuedAt: string; messages: Array<{ adAccountId: string }> };

/** Asks the operator API for a sync of the tenant's accounts over one date window. */
function requestSync(date: string): Promise<SyncStarted> {
  return operator<SyncStarted>('/ops/sync', { tenant: tenant.slug, from: date, to: date });
}

/** Waits until every message of a sync request has a finished run, and returns the outcomes. */
async function syncOutcomes(started: SyncStarted, timeoutMs = 60_000): Promise<string[]> {
  const path = `/ops/sync-runs?tenant=${tenant.slug}&since=${encodeURIComponent(started.enqueuedAt)}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { runs } = await operator<{ runs: Array<{ adAccountId: string; outcome: string | null }> }>(path);
    const finished = runs.filter((r) => r.outcome);
    if (started.messages.every((m) => finished.some((r) => r.adAccountId === m.adAccountId))) return finished.map((r) => r.outcome!);
    if (Date.now() > deadline) throw new Error(`sync runs not finished: ${JSON.stringify(runs)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** "$19,188.71" → 19188.71 */
const amount = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''));

describe('live updates in the browser', () => {
  let phone: Awaited<ReturnType<typeof openBrowser>>;
  let clockAtStart: string;

  beforeAll(async () => {
    expect(viewer, 'the demo seed has a Partner A viewer').toBeDefined();
    await mkdir('test-results', { recursive: true });
    clockAtStart = (await control<{ now: string }>('/clock')).now;
    phone = await openBrowser(PHONE, true);
  });

  afterAll(async () => {
    await phone?.dispose();
    // Other suites share the fakes: put their clock back where it was.
    if (clockAtStart) await control('/clock', { set: clockAtStart });
  });

  it('on a phone, spend from a new platform sync appears in the open overview without a reload, while it shows Live', async () => {
    // Today as the platform sees it: the fakes' clock is frozen, the Worker's is not.
    const today = localToday(tenant.timeZone, new Date(clockAtStart));
    const range = { from: addDays(today, -6), to: today };
    // Bring today up to the platform's current hour first, so the change below comes from new data only.
    expect(await syncOutcomes(await requestSync(today))).toEqual(['ok', 'ok']);

    const page = await phone.newPage();
    const hubEvents: Array<{ at: number; type: string }> = [];
    page.on('websocket', (socket) => {
      socket.on('close', () => hubEvents.push({ at: Date.now(), type: 'socket-closed' }));
      socket.on('framereceived', ({ payload }) => {
        const type = /"type":"([a-z-]+)"/.exec(String(payload))?.[1];
        if (type) hubEvents.push({ at: Date.now(), type });
      });
    });
    let loads = 0;
    page.on('load', () => (loads += 1));
    const dataRequests: Array<{ at: number; path: string }> = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.endsWith('/__data.json') || pathname.startsWith('/api/tenants/')) dataRequests.push({ at: Date.now(), path: pathname });
    });
    await signIn(page, appUrl, viewer!);
    await page.goto(`${appUrl}/t/${tenant.slug}?from=${range.from}&to=${range.to}`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');
    const spendBefore = await spendTile(page).textContent();
    const pathBefore = await spendPathData(page);
    expect(amount(spendBefore)).toBeGreaterThan(0);
    await page.evaluate(() => Object.assign(window, { __beforeSync: 'still here' }));
    const loadsBefore = loads;
    // A second page on a past range: today's new numbers touch none of its figures, only its freshness.
    const pastPage = await phone.newPage();
    const pastRequests: string[] = [];
    await pastPage.goto(`${appUrl}/t/${tenant.slug}?from=${addDays(today, -60)}&to=${addDays(today, -45)}&compare=none`, {
      waitUntil: 'networkidle',
    });
    await expect.poll(() => pastPage.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');
    pastPage.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.endsWith('/__data.json') || pathname.startsWith('/api/tenants/')) pastRequests.push(pathname);
    });

    // Three more hours of delivery on the platforms, then a sync of today through the operator API.
    await control('/clock', { advanceMs: 3 * 3_600_000 });
    const requestedAt = Date.now();
    const started = await requestSync(today);
    await expect.poll(() => spendTile(page).textContent(), { timeout: 60_000, interval: 100 }).not.toBe(spendBefore);
    const updatedAt = Date.now();

    const spendAfter = await spendTile(page).textContent();
    expect(amount(spendAfter), `${spendBefore} → ${spendAfter}`).toBeGreaterThan(amount(spendBefore));
    expect(await page.evaluate(() => (window as unknown as { __beforeSync?: string }).__beforeSync), 'the page was not reloaded').toBe(
      'still here',
    );
    expect(loads, 'no navigation happened').toBe(loadsBefore);
    await expect.poll(() => spendPathData(page), { timeout: 5_000 }).not.toBe(pathBefore);
    // Refreshing the data keeps the same socket open: no reconnect, still Live.
    expect(
      hubEvents.filter((e) => e.type === 'socket-closed'),
      'the hub socket stayed open',
    ).toEqual([]);
    expect(await page.getByRole('status').textContent()).toContain('Live');
    expect(await syncOutcomes(started)).toEqual(['ok', 'ok']);
    // Only the widgets the new metrics touch refetch, each from its own endpoint: the page's load does not rerun.
    const refetched = new Set(dataRequests.filter((r) => r.at >= requestedAt).map((r) => r.path));
    expect([...refetched].sort()).toEqual(
      ['by-account', 'by-day', 'by-platform', 'campaigns', 'freshness', 'totals'].map(
        (widget) => `/api/tenants/${tenant.id}/report/${widget}`,
      ),
    );

    await expect.poll(() => pastRequests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect([...new Set(pastRequests)], 'the past range refetched only its freshness').toEqual([
      `/api/tenants/${tenant.id}/report/freshness`,
    ]);
    await pastPage.close();

    const firstEvent = hubEvents.find((e) => e.type === 'metrics-updated' && e.at >= requestedAt);
    expect(firstEvent, 'the update arrived over the tenant hub WebSocket').toBeDefined();
    console.log(
      `live update: sync requested → first metrics-updated frame ${firstEvent!.at - requestedAt} ms → new spend in the DOM ${updatedAt - requestedAt} ms ` +
        `(${spendBefore} → ${spendAfter}; socket closed ${hubEvents.filter((e) => e.type === 'socket-closed' && e.at >= requestedAt).length}× meanwhile)`,
    );
    await page.screenshot({ path: 'test-results/phone-live-update.png', fullPage: true });
    await page.close();
  });
});
