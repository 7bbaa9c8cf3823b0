import { describe, expect, it } from 'vitest';
import { isHousekeepingSlot } from './housekeeping';

describe('isHousekeepingSlot', () => {
  it('is the first hot-lane slot of each hour, once an hour', () => {
    expect(isHousekeepingSlot('*/15 * * * *', new Date('2026-11-29T15:00:00Z'))).toBe(true);
    expect(isHousekeepingSlot('*/15 * * * *', new Date('2026-11-29T15:00:42Z'))).toBe(true);
    expect(isHousekeepingSlot('*/15 * * * *', new Date('2026-11-29T15:14:59Z'))).toBe(true);
    for (const minute of ['15', '30', '45']) {
      expect(isHousekeepingSlot('*/15 * * * *', new Date(`2026-11-29T15:${minute}:00Z`)), minute).toBe(false);
    }
  });

  it('leaves the nightly settling trigger alone (the hot lane at 02:30 is not a new hour either)', () => {
    expect(isHousekeepingSlot('30 2 * * *', new Date('2026-11-29T02:30:00Z'))).toBe(false);
    expect(isHousekeepingSlot('30 2 * * *', new Date('2026-11-29T02:00:00Z'))).toBe(false);
  });
});
