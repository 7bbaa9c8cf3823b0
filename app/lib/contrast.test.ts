import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, guardColor, MIN_CONTRAST, parseHexColor, THEME_BACKGROUNDS } from './contrast';

const rgb = (hex: string) => parseHexColor(hex)!;
const worstRatio = (hex: string) => Math.min(...THEME_BACKGROUNDS.map((b) => contrastRatio(rgb(hex), rgb(b))));

describe('contrastRatio', () => {
  it('follows WCAG 2: black on white is 21:1, a colour on itself 1:1, #767676 on white just passes 4.5:1', () => {
    expect(contrastRatio(rgb('#000'), rgb('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(rgb('#0e7490'), rgb('#0e7490'))).toBe(1);
    expect(contrastRatio(rgb('#767676'), rgb('#ffffff'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(rgb('#777777'), rgb('#ffffff'))).toBeLessThan(4.5);
  });

  it('reads short and translucent hex forms, a translucent colour over white', () => {
    expect(parseHexColor('#0F0')).toEqual([0, 255, 0]);
    expect(parseHexColor('#00000080')).toEqual([127, 127, 127]);
    expect(parseHexColor('red')).toBeNull();
  });
});

describe('guardColor', () => {
  it('leaves a colour that passes exactly as the tenant wrote it', () => {
    expect(guardColor(' #0f766e', MIN_CONTRAST.primary)).toMatchObject({ shown: '#0f766e', adjusted: false });
    expect(guardColor('#aa3300', MIN_CONTRAST.primary)?.adjusted).toBe(false);
  });

  it('darkens a pale brand colour to the lightest shade of the same hue that reaches 4.5:1 on the card and the page', () => {
    const gold = guardColor('#ffd700', MIN_CONTRAST.primary)!;
    expect(gold.adjusted).toBe(true);
    expect(gold.chosenRatio).toBeLessThan(1.5);
    expect(worstRatio(gold.shown)).toBeGreaterThanOrEqual(4.5);
    // The lightest that passes, not simply black.
    expect(gold.shownRatio).toBeLessThan(4.7);
    const [r, g, b] = rgb(gold.shown);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  it('asks less of the accent, which marks things that are not text', () => {
    const sky = guardColor('#38bdf8', MIN_CONTRAST.accent)!;
    expect(sky.adjusted).toBe(true);
    expect(worstRatio(sky.shown)).toBeGreaterThanOrEqual(3);
    expect(guardColor('#38bdf8', MIN_CONTRAST.primary)!.shownRatio).toBeGreaterThanOrEqual(4.5);
  });

  it('refuses what is not a hex colour', () => {
    expect(guardColor('url(x)', MIN_CONTRAST.primary)).toBeNull();
  });

  it('always shows a colour that meets its minimum, whatever the tenant picks', () => {
    const hex = fc
      .array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 })
      .map((channels) => `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`);
    fc.assert(
      fc.property(hex, fc.constantFrom(MIN_CONTRAST.primary, MIN_CONTRAST.accent), (color, minimum) => {
        const guarded = guardColor(color, minimum)!;
        expect(worstRatio(guarded.shown)).toBeGreaterThanOrEqual(minimum);
        expect(guarded.adjusted).toBe(worstRatio(color) < minimum);
      }),
      { numRuns: 500 },
    );
  });
});
