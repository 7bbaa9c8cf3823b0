import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, GRAPHIC_CONTRAST, parseHex, TEXT_CONTRAST, THEME_BACKGROUNDS } from './contrast';

/** The default theme's colours, read from app.css itself so the test follows every edit. */
function themeColors(): Map<string, string> {
  const css = readFileSync(new URL('../app.css', import.meta.url), 'utf8');
  const root = css.match(/:root\s*{([^}]*)}/)?.[1] ?? '';
  return new Map([...root.matchAll(/--([\w-]+):\s*(#[0-9a-f]{3,8})\s*;/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('the default theme', () => {
  const colors = themeColors();
  const text = ['text', 'muted', 'provisional', 'brand-primary', 'danger', 'ok'];
  const graphic = ['brand-accent', 'border-strong'];

  it('declares its backgrounds as the contrast guard assumes', () => {
    expect([colors.get('card'), colors.get('surface')]).toEqual([...THEME_BACKGROUNDS]);
  });

  it.each(text)('--%s reaches 4.5:1 on the card and the page background', (name) => {
    const color = parseHex(colors.get(name) ?? '');
    expect(color, `--${name} is a hex colour in :root`).not.toBeNull();
    for (const background of THEME_BACKGROUNDS) {
      expect(contrastRatio(color ?? [255, 255, 255], parseHex(background) ?? [0, 0, 0])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
  });

  it.each(graphic)('--%s reaches 3:1 on the card and the page background', (name) => {
    const color = parseHex(colors.get(name) ?? '');
    expect(color, `--${name} is a hex colour in :root`).not.toBeNull();
    for (const background of THEME_BACKGROUNDS) {
      expect(contrastRatio(color ?? [255, 255, 255], parseHex(background) ?? [0, 0, 0])).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
    }
  });

  it('keeps white button labels readable on the primary colour', () => {
    const primary = parseHex(colors.get('brand-primary') ?? '') ?? [255, 255, 255];
    expect(contrastRatio(primary, [255, 255, 255])).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });
});
