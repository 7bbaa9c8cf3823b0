import { describe, expect, it } from 'vitest';
import type { HubMessage } from '../../worker/realtime/events';
import { decideLiveAction, nextSince, parseHubMessage } from '../../app/lib/live-updates';

const visible = { from: '2026-11-02', to: '2026-11-29' };
const updated = (from: string, to: string, seq: number): HubMessage => ({
  type: 'metrics-updated',
  adAccountIds: ['a'],
  from,
  to,
  dataVersion: 3,
  seq,
  at: '2026-11-29T10:00:00Z',
});

describe('decideLiveAction', () => {
  it('refreshes when new metrics touch the visible dates', () => {
    expect(decideLiveAction(updated('2026-11-28', '2026-11-29', 7), visible)).toEqual({ kind: 'refresh', seq: 7 });
  });

  it('ignores metrics for dates outside the visible range but remembers the seq', () => {
    expect(decideLiveAction(updated('2026-09-01', '2026-09-30', 8), visible)).toEqual({ kind: 'ignore', seq: 8 });
  });

  it('reloads when the hub says the resume point is too old', () => {
    expect(decideLiveAction({ type: 'reload', reason: 'resume-too-old', seq: 40 }, visible)).toEqual({ kind: 'reload', seq: 40 });
  });
});

describe('nextSince', () => {
  it('starts from the hello seq on a fresh connection', () => {
    expect(nextSince(null, { kind: 'hello', seq: 12 })).toBe(12);
  });

  it('keeps its own position on a resumed connection so replayed events still count', () => {
    expect(nextSince(5, { kind: 'hello', seq: 12 })).toBe(5);
    expect(nextSince(5, { kind: 'refresh', seq: 6 })).toBe(6);
  });

  it('never moves backwards', () => {
    expect(nextSince(9, { kind: 'ignore', seq: 3 })).toBe(9);
  });
});

describe('parseHubMessage', () => {
  it('reads a hub event frame', () => {
    expect(parseHubMessage(JSON.stringify(updated('2026-11-29', '2026-11-29', 2)))?.type).toBe('metrics-updated');
  });

  it('rejects frames that are not hub messages', () => {
    expect(parseHubMessage('pong')).toBeNull();
    expect(parseHubMessage(JSON.stringify({ type: 'hello' }))).toBeNull();
    expect(parseHubMessage(new ArrayBuffer(2))).toBeNull();
  });
});
