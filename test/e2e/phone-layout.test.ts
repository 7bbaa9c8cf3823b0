import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser } from './browser';
import { signIn, spendPathData } from './pages';

const appUrl = inject('appUrl');
const clientLogin = inject('demoLogins').find((l) => !/agency/i.test(l.description));

/** The narrowest phone the dashboards are built for. */
const NARROW_PHONE = { width: 360, height: 740 } as const;
const TAP_TARGET_PX = 44;

/** Elements whose right edge passes the viewport, named so a failure says what overflows. */
function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    return [...document.querySelectorAll('body *')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5 && !el.closest('.table-wrap');
      })
      .map((el) => `${name(el)} right=${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 10);
  }, NARROW_PHONE.width);
}

/**
 * Visible controls in main (and the section nav) smaller than a tap target: buttons, links, inputs
 * and selects under 44 px high. Links inside running text are exempt (WCAG 2.5.8).
 */
function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = [...document.querySelectorAll('main :is(a[href], button, input:not([type="hidden"]), select), nav a[href]')];
    return controls
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') return false;
        const inSentence =
          el.tagName === 'A' &&
          style.display === 'inline' &&
          (el.parentElement?.textContent ?? '').trim() !== (el.textContent ?? '').trim();
        return !inSentence && box.height < min - 0.5;
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)}px`,
      );
  }, TAP_TARGET_PX);
}

async function expectPhoneFriendly(page: Page): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(
    scrollWidth,
    `nothing overflows the 360 px viewport sideways: ${(await overflowingElements(page)).join(', ')}`,
  ).toBeLessThanOrEqual(NARROW_PHONE.width);
  expect(await smallTapTargets(page), 'every control is at least 44 px high').toEqual([]);
}

describe('the dashboards on a 360 px phone', () => {
  let phone: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    expect(clientLogin, 'the demo seed has a client login').toBeDefined();
    await mkdir('test-results', { recursive: true });
    phone = await openBrowser(NARROW_PHONE, true);
  });

  afterAll(async () => {
    await phone?.dispose();
  });

  it('the overview and the pacing page fit 360 px without sideways scrolling and every control is a 44 px tap target', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, clientLogin!);
    await spendPathData(page);
    await expectPhoneFriendly(page);
    await page.screenshot({ path: 'test-results/phone-360-overview.png', fullPage: true });

    await Promise.all([
      page.waitForURL((url) => url.pathname.endsWith('/pacing'), { waitUntil: 'networkidle' }),
      page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: 'Pacing' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pacing');
    expect(await page.getByText('LinkedIn reports spend by day only').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Pacing' }).getAttribute('aria-current')).toBe('page');
    await expectPhoneFriendly(page);
    await page.screenshot({ path: 'test-results/phone-360-pacing.png', fullPage: true });
    await page.close();
  });

  it('the first Tab shows a skip link with a visible focus ring, and following it moves focus to the page content', async () => {
    const page = await phone.newPage();
    await signIn(page, appUrl, clientLogin!);
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height >= TAP_TARGET_PX, 'the focused skip link is on screen and a tap target').toBe(true);
    const outline = await skip.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }));
    expect(outline.style).toBe('solid');
    expect(Number.parseFloat(outline.width)).toBeGreaterThanOrEqual(2);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await page.close();
  });
});
