/**
 * WCAG 2.x contrast: relative luminance and contrast ratio of sRGB colours, and a guard that darkens
 * a tenant colour just enough to reach a minimum ratio against the backgrounds it is drawn on.
 * Pure, so the pages and the settings preview show the same adjusted colour.
 */

export type Rgb = readonly [number, number, number];

/** AA for normal text (links, white text on a button) and for graphical objects (focus rings, bars). */
export const TEXT_CONTRAST = 4.5;
export const GRAPHIC_CONTRAST = 3;

/** The light backgrounds of the default theme that brand colours sit on (--card and --surface). */
export const THEME_BACKGROUNDS = ['#ffffff', '#f5f7f9'] as const;

/** `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` to RGB; alpha is ignored (brand colours are drawn opaque). */
export function parseHex(color: string): Rgb | null {
  const hex = color.trim().replace(/^#/, '');
  if (!/^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)) return null;
  const full = hex.length <= 4 ? [...hex.slice(0, 3)].map((d) => d + d).join('') : hex.slice(0, 6);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export interface GuardedColor {
  /** The colour to use: the given one when it passes, else the lightest darker shade that does. */
  color: string;
  adjusted: boolean;
  /** The worst ratio of `color` against the backgrounds, rounded down to two decimals. */
  ratio: number;
}

function worstRatio(color: Rgb, backgrounds: readonly Rgb[]): number {
  return Math.min(...backgrounds.map((background) => contrastRatio(color, background)));
}

/**
 * Darkens `color` toward black in small steps until it reaches `minimum` against every background
 * (black reaches 19:1 on the theme's light backgrounds, so the search always ends). Keeping the hue
 * keeps the tenant's colour recognisable. Returns null for a value that is not a hex colour.
 */
export function guardColor(
  color: string,
  minimum: number = TEXT_CONTRAST,
  backgrounds: readonly string[] = THEME_BACKGROUNDS,
): GuardedColor | null {
  const rgb = parseHex(color);
  const grounds = backgrounds.map(parseHex).filter((b): b is Rgb => b !== null);
  if (!rgb || grounds.length === 0) return null;
  const given = worstRatio(rgb, grounds);
  if (given >= minimum) return { color: toHex(rgb), adjusted: false, ratio: floor2(given) };
  for (let step = 1; step <= 100; step++) {
    const shade = rgb.map((v) => v * (1 - step / 100)) as unknown as Rgb;
    const rounded = parseHex(toHex(shade)) as Rgb;
    const ratio = worstRatio(rounded, grounds);
    if (ratio >= minimum) return { color: toHex(rounded), adjusted: true, ratio: floor2(ratio) };
  }
  return { color: '#000000', adjusted: true, ratio: floor2(worstRatio([0, 0, 0], grounds)) };
}

function floor2(value: number): number {
  return Math.floor(value * 100) / 100;
}
