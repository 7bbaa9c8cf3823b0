import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The narrowest phone the dashboards are built for. */
export const NARROW_PHONE = { width: 360, height: 740 } as const;
export const TAP_TARGET_PX = 44;

/** Elements whose right edge passes the viewport, named so a failure says what overflows. */
export function overflowingElements(page: Page, viewportWidth: number = NARROW_PHONE.width): Promise<string[]> {
  return page.evaluate((width) => {
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    return [...document.querySelectorAll('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5 && !el.closest('.table-wrap');
      })
      .map((el) => `${name(el)} right=${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 10);
  }, viewportWidth);
}

/**
 * Visible controls in main (and the section nav) smaller than a tap target: buttons, links, inputs
 * and selects under 44 px high. Links inside running text are exempt (WCAG 2.5.8).
 */
export function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = [...document.querySelectorAll('main :is(a[href], button, input:not([type="hidden"]), select), nav a[href]')];
    // A checkbox or radio is tapped through its label: the label is the target.
    const target = (el: Element) => (el.matches('input[type="checkbox"], input[type="radio"]') && el.closest('label')) || el;
    return controls
      .filter((el) => {
        // checkVisibility: not shown includes the content of a closed <details>, which still has a layout box.
        if (!el.checkVisibility({ visibilityProperty: true })) return false;
        const box = target(el).getBoundingClientRect();
        const style = getComputedStyle(el);
        if (box.width === 0 || box.height === 0) return false;
        const inSentence =
          el.tagName === 'A' &&
          style.display === 'inline' &&
          (el.parentElement?.textContent ?? '').trim() !== (el.textContent ?? '').trim();
        return !inSentence && box.height < min - 0.5;
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(target(el).getBoundingClientRect().height)}px`,
      );
  }, TAP_TARGET_PX);
}

export async function expectPhoneFriendly(page: Page, width: number = NARROW_PHONE.width): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(
    scrollWidth,
    `nothing overflows the ${width} px viewport sideways: ${(await overflowingElements(page, width)).join(', ')}`,
  ).toBeLessThanOrEqual(width);
  expect(await smallTapTargets(page), 'every control is at least 44 px high').toEqual([]);
}

/**
 * Text that runs out of its own box (two figures running into each other, a label cut by its
 * neighbour): elements with text of their own whose content is wider than the element, outside
 * the tables' own scroll regions.
 */
export function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((el) => {
        if (!(el instanceof HTMLElement) || el.closest('.table-wrap, svg') || !el.checkVisibility()) return false;
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
        const style = getComputedStyle(el);
        return ownText && style.display !== 'inline' && style.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`)
      .slice(0, 10),
  );
}

/** Charts on screen that drew nothing: every visible chart figure has a drawn line, area or bar. */
export async function expectChartsDrawn(page: Page): Promise<void> {
  const empty = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('figure.metric-chart, figure.pacing-chart, .bar-breakdown')]
        .filter((figure) => figure.checkVisibility())
        .filter((figure) => {
          const drawn = [...figure.querySelectorAll('svg path, svg rect, .bar')].some((shape) => {
            const box = shape.getBoundingClientRect();
            return box.width > 1 && box.height > 1;
          });
          return !drawn;
        })
        .map((figure) => figure.getAttribute('aria-label') ?? figure.className),
    );
  await expect.poll(empty, { timeout: 10_000, message: 'every chart on screen is drawn' }).toEqual([]);
}
