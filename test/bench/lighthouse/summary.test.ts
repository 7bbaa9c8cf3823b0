import { describe, expect, it } from 'vitest';
import { type LighthouseResult, medianRun, type PageFigures, pageFigures, resultLine } from './summary';

function result(performance: number, lcp: number): LighthouseResult {
  return {
    categories: { performance: { score: performance }, accessibility: { score: 0.96 } },
    audits: {
      'largest-contentful-paint': { id: 'largest-contentful-paint', title: 'LCP', score: 0.8, numericValue: lcp },
      'first-contentful-paint': { id: 'first-contentful-paint', title: 'FCP', score: 0.9, numericValue: 1234.4 },
      'total-blocking-time': { id: 'total-blocking-time', title: 'TBT', score: 1, numericValue: 20 },
      'cumulative-layout-shift': { id: 'cumulative-layout-shift', title: 'CLS', score: 1, numericValue: 0.01234 },
      'resource-summary': {
        id: 'resource-summary',
        title: 'Resources',
        score: null,
        details: {
          items: [
            { resourceType: 'total', transferSize: 204_800 },
            { resourceType: 'script', transferSize: 102_400 },
          ],
        },
      },
      'color-contrast': { id: 'color-contrast', title: 'Background and foreground colors have a sufficient contrast ratio', score: 0 },
      'image-alt': { id: 'image-alt', title: 'Image elements have [alt] attributes', score: 1 },
      'aria-allowed-role': { id: 'aria-allowed-role', title: 'n/a', score: null, scoreDisplayMode: 'notApplicable' },
    },
  };
}

describe('pageFigures', () => {
  it('reads the scores, the timings, the JavaScript transferred and the failing accessibility audits', () => {
    expect(pageFigures(result(0.874, 3712.6), ['color-contrast', 'image-alt', 'aria-allowed-role'])).toEqual({
      performance: 87,
      accessibility: 96,
      lcpMs: 3713,
      fcpMs: 1234,
      tbtMs: 20,
      cls: 0.012,
      scriptKib: 100,
      totalKib: 200,
      failedA11y: ['Background and foreground colors have a sufficient contrast ratio'],
    });
  });
});

describe('medianRun and resultLine', () => {
  const figures = (performance: number, lcpMs: number, scriptKib = 90): PageFigures => ({
    ...pageFigures(result(performance / 100, lcpMs), []),
    scriptKib,
  });

  it('takes the median run by performance score', () => {
    expect(medianRun([figures(91, 2000), figures(84, 3900), figures(88, 2600)]).performance).toBe(88);
    expect(() => medianRun([])).toThrow(/no Lighthouse run/);
  });

  it('prints one line with each page and the worst LCP and JavaScript', () => {
    expect(
      resultLine([
        { name: 'overview', figures: figures(92, 2100, 95.5) },
        { name: 'campaigns', figures: figures(95, 1800, 80) },
      ]),
    ).toBe('lighthouse pages=2 overview_perf=92 overview_a11y=96 campaigns_perf=95 campaigns_a11y=96 max_lcp_ms=2100 max_js_kib=95.5');
  });
});
