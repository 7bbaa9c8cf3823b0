import { describe, expect, it } from 'vitest';
import type { HubMessage } from '$worker/realtime/events';
import { affectedWidgets, decideLiveAction, type LiveInterest, nextSince, parseHubMessage, type WidgetDependency } from './live-updates';

const visible = { from: '2026-11-02', to: '2026-11-29' };
const overview: LiveInterest = { range: visible, syncProgress: 'ignore' };
const updated = (from: string, to: string, seq: number): HubMessage => ({
  type: 'metrics-updated',
  adAccountIds: ['a'],
  platforms: ['meta'],
  from,
  to,
  dataVersion: 3,
  seq,
  at: '2026-11-29T10:00:00Z',
});
const progress = (seq: number): HubMessage => ({
  type: 'sync-progress',
  adAccountId: 'a',
  windowsDone: 2,
  windowsTotal: 3,
  rows: 120,
  seq,
  at: '2026-11-29T10:00:00Z',
});

describe('decideLiveAction', () => {
  it('refreshes when new metrics touch the visible dates', () => {
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 7), overview)).toEqual({ kind: 'refresh', seq: 7 });
  });

  it('ignores metrics for dates outside the visible range but remembers the seq', () => {
    expect(decideLiveAction(updated('2026-09-01', '2026-09-30', 8), overview)).toEqual({ kind: 'ignore', seq: 8 });
  });

  it('refreshes on metrics for any dates when the page shows no date range', () => {
    expect(decideLiveAction(updated('2025-01-01', '2025-01-30', 9), { range: null, syncProgress: 'ignore' })).toEqual({
      kind: 'refresh',
      seq: 9,
    });
  });

  it('reloads when the hub says the resume point is too old', () => {
    expect(decideLiveAction({ type: 'reload', reason: 'resume-too-old', seq: 40 }, overview)).toEqual({ kind: 'reload', seq: 40 });
  });

  it('ignores backfill progress unless the page asked for it', () => {
    expect(decideLiveAction(progress(11), overview)).toEqual({ kind: 'ignore', seq: 11 });
  });

  it('refreshes on backfill progress for a page that refetches its progress', () => {
    expect(decideLiveAction(progress(12), { range: null, syncProgress: 'refresh' })).toEqual({ kind: 'refresh', seq: 12 });
  });

  it('refetches once when a fresh connection opens on a page showing work in progress', () => {
    const hello: HubMessage = { type: 'hello', tenant: 't', seq: 20 };
    expect(decideLiveAction(hello, { ...overview, catchUpOnConnect: true }, null)).toEqual({ kind: 'catch-up', seq: 20 });
    expect(decideLiveAction(hello, { ...overview, catchUpOnConnect: false }, null)).toEqual({ kind: 'hello', seq: 20 });
  });

  it('does not refetch on a resumed connection, where the hub replays what was missed', () => {
    expect(decideLiveAction({ type: 'hello', tenant: 't', seq: 20 }, { ...overview, catchUpOnConnect: true }, 17)).toEqual({
      kind: 'hello',
      seq: 20,
    });
  });

  it('hands backfill progress to a page that applies it in place', () => {
    const message = progress(13);
    expect(decideLiveAction(message, { range: visible, syncProgress: 'notify' })).toEqual({ kind: 'progress', seq: 13, progress: message });
  });
});

describe('nextSince', () => {
  it('starts from the hello seq on a fresh connection', () => {
    expect(nextSince(null, { kind: 'hello', seq: 12 })).toBe(12);
  });

  it('reads on from the hello seq after a catch-up refetch', () => {
    expect(nextSince(null, { kind: 'catch-up', seq: 20 })).toBe(20);
  });

  it('keeps its own position on a resumed connection so replayed events still count', () => {
    expect(nextSince(5, { kind: 'hello', seq: 12 })).toBe(5);
    expect(nextSince(5, { kind: 'refresh', seq: 6 })).toBe(6);
  });

  it('counts applied progress events as read', () => {
    const message = progress(8) as Extract<HubMessage, { type: 'sync-progress' }>;
    expect(nextSince(5, { kind: 'progress', seq: 8, progress: message })).toBe(8);
  });

  it('never moves backwards', () => {
    expect(nextSince(9, { kind: 'ignore', seq: 3 })).toBe(9);
  });
});

describe('parseHubMessage', () => {
  it('reads a hub event frame', () => {
    expect(parseHubMessage(JSON.stringify(updated('2026-11-29', '2026-11-29', 2)))?.type).toBe('metrics-updated');
    expect(parseHubMessage(JSON.stringify(progress(3)))?.type).toBe('sync-progress');
  });

  it('rejects frames that are not hub messages', () => {
    expect(parseHubMessage('pong')).toBeNull();
    expect(parseHubMessage(JSON.stringify({ type: 'hello' }))).toBeNull();
    expect(parseHubMessage(new ArrayBuffer(2))).toBeNull();
  });
});

describe('affectedWidgets', () => {
  const event = { adAccountIds: ['acc-meta-1'], platforms: ['meta' as const], from: '2026-11-20', to: '2026-11-21' };
  const widget = (key: string, dependency: Omit<WidgetDependency, 'key'>): WidgetDependency => ({ key, ...dependency });

  it('picks the widgets whose dates overlap the changed dates', () => {
    const widgets = [
      widget('this-week', { range: { from: '2026-11-16', to: '2026-11-22' } }),
      widget('last-month', { range: { from: '2026-10-01', to: '2026-10-31' } }),
    ];
    expect(affectedWidgets(event, widgets)).toEqual(['this-week']);
  });

  it('skips a widget filtered to other platforms and keeps one showing every platform', () => {
    const widgets = [
      widget('google-only', { range: visible, platforms: ['google_ads'] }),
      widget('meta-and-google', { range: visible, platforms: ['google_ads', 'meta'] }),
      widget('all-platforms', { range: visible, platforms: null }),
    ];
    expect(affectedWidgets(event, widgets)).toEqual(['meta-and-google', 'all-platforms']);
  });

  it('skips a widget filtered to other ad accounts', () => {
    const widgets = [
      widget('other-account', { range: visible, adAccountIds: ['acc-meta-2'] }),
      widget('this-account', { range: visible, adAccountIds: ['acc-meta-1'] }),
    ];
    expect(affectedWidgets(event, widgets)).toEqual(['this-account']);
  });

  it('treats an event without platforms (logged by an older hub) as touching every platform', () => {
    const old = { ...event, platforms: [] };
    expect(affectedWidgets(old, [widget('google-only', { range: visible, platforms: ['google_ads'] })])).toEqual(['google-only']);
  });
});

describe('decideLiveAction with widget dependencies', () => {
  const widgets: WidgetDependency[] = [
    { key: 'kpis', range: visible },
    { key: 'linkedin-split', range: visible, platforms: ['linkedin'] },
  ];

  it('refetches only the widgets new metrics touch', () => {
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 7), { ...overview, widgets })).toEqual({
      kind: 'refresh-widgets',
      seq: 7,
      widgets: ['kpis'],
    });
  });

  it('ignores metrics that touch no widget', () => {
    expect(decideLiveAction(updated('2026-09-01', '2026-09-02', 8), { ...overview, widgets })).toEqual({ kind: 'ignore', seq: 8 });
  });

  it('ignores metrics the page was already rendered with (same or older data version)', () => {
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 9), { ...overview, widgets, dataVersion: 3 })).toEqual({
      kind: 'ignore',
      seq: 9,
    });
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 9), { ...overview, widgets, dataVersion: 2 }).kind).toBe('refresh-widgets');
  });

  it('acts on each seq once when a resume replays an event already read', () => {
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 5), overview, 5)).toEqual({ kind: 'ignore', seq: 5 });
    expect(decideLiveAction(progress(4), { range: null, syncProgress: 'refresh' }, 5)).toEqual({ kind: 'ignore', seq: 4 });
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 6), overview, 5)).toEqual({ kind: 'refresh', seq: 6 });
  });

  it('does not catch up on connect when the page resumes from the seq it was rendered at', () => {
    expect(decideLiveAction({ type: 'hello', tenant: 't', seq: 12 }, { ...overview, catchUpOnConnect: true }, 10)).toEqual({
      kind: 'hello',
      seq: 12,
    });
  });
});
