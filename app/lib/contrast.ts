/**
 * The contrast guard: a tenant's brand colour is shown only where it keeps WCAG AA contrast on the
 * theme's light backgrounds; one that would fail is darkened (same hue and saturation, the lightest
 * shade that passes), so a pale yellow brand still gives readable links and buttons. Pure, so the
 * pages and the settings preview adjust exactly alike.
 */

/** The backgrounds brand colours sit on (app.css `--card` and `--surface`); the guard checks against each. */
export const THEME_BACKGROUNDS = ['#ffffff', '#f5f7f9'] as const;

/**
 * The primary colour is text (links, the current tab) and the fill under white button text: 4.5:1
 * (WCAG 1.4.3). The accent marks things that are not text: 3:1 (WCAG 1.4.11).
 */
export const MIN_CONTRAST = { primary: 4.5, accent: 3 } as const;

export interface GuardedColor {
  /** What the tenant chose, as stored. */
  chosen: string;
  /** What the pages show: the chosen colour when it passes, otherwise its darkened shade (#rrggbb). */
  shown: string;
  adjusted: boolean;
  /** Contrast of the chosen and of the shown colour against the weakest background, rounded down to 0.01. */
  chosenRatio: number;
  shownRatio: number;
}

type Rgb = [number, number, number];

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** #rgb, #rgba, #rrggbb or #rrggbbaa as 0-255 channels; a translucent colour is composited over `under`. */
export function parseHexColor(value: string, under: Rgb = [255, 255, 255]): Rgb | null {
  const hex = value.trim();
  if (!HEX.test(hex)) return null;
  const digits = hex.length <= 5 ? [...hex.slice(1)].map((d) => d + d) : (hex.slice(1).match(/../g) ?? []);
  const [r, g, b, a = 'ff'] = digits.map((d) => d.toLowerCase());
  const alpha = Number.parseInt(a, 16) / 255;
  return [r, g, b].map((d, i) => Math.round(Number.parseInt(d!, 16) * alpha + under[i]! * (1 - alpha))) as Rgb;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

function rgbToHsl([r, g, b]: Rgb): [number, number, number] {
  const [rs, gs, bs] = [r / 255, g / 255, b / 255];
  const max = Math.max(rs, gs, bs);
  const min = Math.min(rs, gs, bs);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rs ? (gs - bs) / d + (gs < bs ? 6 : 0) : max === gs ? (bs - rs) / d + 2 : (rs - gs) / d + 4;
  return [h / 6, s, l];
}

function hslToRgb([h, s, l]: [number, number, number]): Rgb {
  if (s === 0) return [l, l, l].map((c) => Math.round(c * 255)) as Rgb;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [hue(h + 1 / 3), hue(h), hue(h - 1 / 3)].map((c) => Math.round(c * 255)) as Rgb;
}

const floor2 = (ratio: number) => Math.floor(ratio * 100) / 100;

/** Guards one colour: unchanged when it reaches `minimum` against every background, else the lightest darker shade that does. */
export function guardColor(chosen: string, minimum: number, backgrounds: readonly string[] = THEME_BACKGROUNDS): GuardedColor | null {
  const grounds = backgrounds.map((b) => parseHexColor(b)).filter((b): b is Rgb => b !== null);
  const rgb = parseHexColor(chosen, grounds[0]);
  if (!rgb || grounds.length === 0) return null;
  const worst = (c: Rgb) => Math.min(...grounds.map((g) => contrastRatio(c, g)));
  const chosenRatio = worst(rgb);
  if (chosenRatio >= minimum) {
    return { chosen, shown: chosen.trim(), adjusted: false, chosenRatio: floor2(chosenRatio), shownRatio: floor2(chosenRatio) };
  }
  // Lower lightness at the same hue and saturation only darkens, so the passing shades are an interval from black up.
  const [h, s, l] = rgbToHsl(rgb);
  let [low, high] = [0, l];
  for (let i = 0; i < 24; i += 1) {
    const mid = (low + high) / 2;
    if (worst(hslToRgb([h, s, mid])) >= minimum) low = mid;
    else high = mid;
  }
  let shade = hslToRgb([h, s, low]);
  // Rounding to whole channels may lose a hair of contrast: step down until the written colour itself passes.
  while (worst(shade) < minimum && low > 0) {
    low = Math.max(0, low - 0.002);
    shade = hslToRgb([h, s, low]);
  }
  return { chosen, shown: toHex(shade), adjusted: true, chosenRatio: floor2(chosenRatio), shownRatio: floor2(worst(shade)) };
}
