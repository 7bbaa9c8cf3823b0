import { describe, expect, it } from 'vitest';
import { checkDelivery, resultLine } from './delivery';

describe('checkDelivery', () => {
  it('counts a client that resumed and saw every seq after its start once as ok', () => {
    expect(checkDelivery([{ startSeq: 3, seqs: [4, 5, 6], resumed: true }], 6)).toEqual({ missed: 0, duplicates: 0, resumedOk: 1 });
  });

  it('counts seqs a client never received as missed', () => {
    expect(checkDelivery([{ startSeq: 3, seqs: [4, 6], resumed: true }], 7)).toEqual({ missed: 2, duplicates: 0, resumedOk: 0 });
  });

  it('counts a seq received twice (broadcast and replay) as a duplicate, not ok', () => {
    expect(checkDelivery([{ startSeq: 0, seqs: [1, 2, 2, 3], resumed: true }], 3)).toEqual({ missed: 0, duplicates: 1, resumedOk: 0 });
  });

  it('does not count a client that never resumed as resumed', () => {
    expect(checkDelivery([{ startSeq: 0, seqs: [1], resumed: false }], 1).resumedOk).toBe(0);
  });
});

describe('resultLine', () => {
  it('prints the fixed-form last line', () => {
    expect(resultLine({ sockets: 1000, p50: 41.4, p95: 120.6, missed: 0, resumedOk: 1000 })).toBe(
      'ws-bench sockets=1000 broadcast_p50_ms=41 broadcast_p95_ms=121 missed_events=0 resumed_ok=100%',
    );
  });

  it('rounds the resumed share down, so 999 of 1,000 is not 100%', () => {
    expect(resultLine({ sockets: 1000, p50: 1, p95: 2, missed: 3, resumedOk: 999 })).toContain('missed_events=3 resumed_ok=99.9%');
  });
});
