import { describe, expect, it } from 'vitest';
import { contrastRatio, GRAPHIC_CONTRAST, guardColor, parseHex, TEXT_CONTRAST, THEME_BACKGROUNDS } from './contrast';

const rgb = (hex: string) => parseHex(hex) ?? [NaN, NaN, NaN];

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio(rgb('#000'), rgb('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(rgb('#fff'), rgb('#fff'))).toBe(1);
    // #767676 is the lightest grey that passes 4.5:1 on white.
    expect(contrastRatio(rgb('#767676'), rgb('#fff'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(rgb('#777777'), rgb('#fff'))).toBeLessThan(4.5);
  });
});

describe('parseHex', () => {
  it('reads short, long and alpha forms and rejects anything else', () => {
    expect(parseHex('#1d4ed8')).toEqual([29, 78, 216]);
    expect(parseHex('#abc')).toEqual([170, 187, 204]);
    expect(parseHex('#abcd')).toEqual([170, 187, 204]);
    expect(parseHex('#1d4ed880')).toEqual([29, 78, 216]);
    expect(parseHex('red')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
  });
});

describe('guardColor', () => {
  it('keeps a colour that already passes against every theme background', () => {
    expect(guardColor('#0e7490')).toEqual({ color: '#0e7490', adjusted: false, ratio: expect.any(Number) });
    expect(guardColor('#1D4ED8')?.adjusted).toBe(false);
  });

  it('darkens a colour that fails, just enough, keeping its hue', () => {
    const guarded = guardColor('#f59e0b');
    expect(guarded?.adjusted).toBe(true);
    const color = rgb(guarded?.color ?? '');
    for (const background of THEME_BACKGROUNDS) expect(contrastRatio(color, rgb(background))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    // One step lighter would fail: the guard does not over-darken.
    const lighter = color.map((v) => Math.min(255, v * 1.03)) as unknown as [number, number, number];
    expect(Math.min(...THEME_BACKGROUNDS.map((b) => contrastRatio(lighter, rgb(b))))).toBeLessThan(TEXT_CONTRAST + 0.6);
    // Same hue: the channels keep their order (orange stays orange).
    expect(color[0]).toBeGreaterThan(color[1]);
    expect(color[1]).toBeGreaterThan(color[2]);
  });

  it('uses the lower bar for graphical objects', () => {
    const text = guardColor('#22c55e', TEXT_CONTRAST);
    const graphic = guardColor('#22c55e', GRAPHIC_CONTRAST);
    expect(text?.adjusted && graphic?.adjusted).toBe(true);
    expect(contrastRatio(rgb(graphic?.color ?? ''), rgb('#ffffff'))).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
    expect(rgb(graphic?.color ?? '')[1]).toBeGreaterThan(rgb(text?.color ?? '')[1]);
  });

  it('turns white into black rather than failing, and rejects a non-colour', () => {
    expect(guardColor('#ffffff')?.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(guardColor('#ffffff')?.ratio).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(guardColor('not a colour')).toBeNull();
  });
});
