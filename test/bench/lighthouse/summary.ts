/**
 * The figures `npm run bench:lighthouse` prints from Lighthouse results: pure, so the arithmetic
 * (median run, JavaScript transferred, the failing accessibility audits) is tested on its own.
 */

/** The part of a Lighthouse result (LHR) the benchmark reads. */
export interface LighthouseResult {
  categories: Record<'performance' | 'accessibility', { score: number | null }>;
  audits: Record<
    string,
    {
      id: string;
      title: string;
      score: number | null;
      scoreDisplayMode?: string;
      numericValue?: number;
      details?: { items?: Array<Record<string, unknown>> };
    }
  >;
}

export interface PageFigures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  /** JavaScript transferred over the network (compressed), in KiB. */
  scriptKib: number;
  totalKib: number;
  /** Accessibility audits that failed, by title. */
  failedA11y: string[];
}

const score = (value: number | null | undefined) => Math.round((value ?? 0) * 100);

function transferKib(result: LighthouseResult, resourceType: string): number {
  const items = result.audits['resource-summary']?.details?.items ?? [];
  const item = items.find((i) => i.resourceType === resourceType);
  return Math.round(((item?.transferSize as number | undefined) ?? 0) / 102.4) / 10;
}

const A11Y_AUDIT_IDS_EXCLUDED = new Set(['manual', 'notApplicable', 'informative']);

export function pageFigures(result: LighthouseResult, accessibilityAuditIds: readonly string[]): PageFigures {
  const numeric = (id: string) => Math.round(result.audits[id]?.numericValue ?? Number.NaN);
  return {
    performance: score(result.categories.performance.score),
    accessibility: score(result.categories.accessibility.score),
    lcpMs: numeric('largest-contentful-paint'),
    fcpMs: numeric('first-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: Math.round((result.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN) * 1000) / 1000,
    scriptKib: transferKib(result, 'script'),
    totalKib: transferKib(result, 'total'),
    failedA11y: accessibilityAuditIds
      .map((id) => result.audits[id])
      .filter((a) => a && !A11Y_AUDIT_IDS_EXCLUDED.has(a.scoreDisplayMode ?? '') && a.score !== null && a.score < 1)
      .map((a) => a?.title ?? ''),
  };
}

/** The run with the median performance score (Lighthouse varies run to run; the median is its own advice). */
export function medianRun(runs: readonly PageFigures[]): PageFigures {
  if (runs.length === 0) throw new Error('no Lighthouse run to summarise');
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.lcpMs - b.lcpMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function resultLine(pages: ReadonlyArray<{ name: string; figures: PageFigures }>): string {
  const parts = pages.flatMap(({ name, figures }) => [`${name}_perf=${figures.performance}`, `${name}_a11y=${figures.accessibility}`]);
  const max = (pick: (f: PageFigures) => number) => Math.max(...pages.map((p) => pick(p.figures)));
  return `lighthouse pages=${pages.length} ${parts.join(' ')} max_lcp_ms=${max((f) => f.lcpMs)} max_js_kib=${max((f) => f.scriptKib)}`;
}
