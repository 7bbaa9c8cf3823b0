import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens /login once its scripts have loaded and hydrated, so typed values are not reset by hydration. */
export async function openLogin(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}/login`, { waitUntil: 'networkidle' });
}

export async function signIn(page: Page, appUrl: string, login: { email: string; password: string }): Promise<void> {
  await openLogin(page, appUrl);
  await page.getByLabel('Email address').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login', { waitUntil: 'commit' }),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** Waits until layerchart has drawn the overview's trend (spend by default) client-side and returns its path data. */
export async function spendPathData(page: Page): Promise<string> {
  const path = page.locator('.metric-chart svg path.lc-area-path:not(.comparison-line)').first();
  await path.waitFor({ state: 'attached', timeout: 15_000 });
  await expect.poll(async () => (await path.getAttribute('d'))?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(50);
  return (await path.getAttribute('d')) ?? '';
}

export function spendTile(page: Page) {
  return page.locator('[data-kpi="spend"] .value').first();
}
