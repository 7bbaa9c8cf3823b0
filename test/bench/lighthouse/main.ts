/**
 * `npm run bench:lighthouse`: Lighthouse (mobile preset: simulated Moto G Power on slow 4G, 4x CPU
 * slowdown) on the overview and the campaigns page of a signed-in Partner A viewer, each page run
 * `--runs` times (default 3) in Debian's chromium, the median run reported: performance and
 * accessibility scores, LCP, FCP, TBT, CLS, and the JavaScript transferred. Starts its own stack
 * with 28 days of demo history, or reuses a running `npm run dev` with `--app-url`. Only 127.0.0.1
 * is contacted; everything started is stopped at the end.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { DEMO_LOGINS, DEMO_TENANTS } from '../../../dev/seed/demo-data';
import { CHROMIUM_PATH } from '../../e2e/browser';
import { startOwnStack, useRunningDev } from '../support/bench-stack';
import { benchLifecycle, runBench } from '../support/lifecycle';
import { type LighthouseResult, medianRun, type PageFigures, pageFigures, resultLine } from './summary';

const TIME_LIMIT_MS = 30 * 60_000;
const REPORTS = 'test-results/lighthouse';
const tenant = DEMO_TENANTS.find((t) => t.slug === 'partner-a')!;
const viewer = DEMO_LOGINS.find((l) => l.email === 'viewer@partner-a.example')!;
const PAGES = [
  { name: 'overview', path: `/t/${tenant.slug}` },
  { name: 'campaigns', path: `/t/${tenant.slug}/campaigns` },
] as const;

const lifecycle = benchLifecycle(TIME_LIMIT_MS);
const log = (line: string) => console.log(line);

function parseOptions(argv: readonly string[]): { appUrl: string | null; runs: number } {
  const options = { appUrl: null as string | null, runs: 3 };
  const args = argv.flatMap((arg) => (arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg]));
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--app-url') {
      const url = new URL(value);
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('--app-url must be on 127.0.0.1');
      options.appUrl = url.origin;
    } else if (flag === '--runs') {
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1 || runs > 15) throw new Error('--runs must be an integer from 1 to 15');
      options.runs = runs;
    } else throw new Error(`unknown flag ${flag} (use --app-url URL, --runs N)`);
  }
  return options;
}

async function signIn(appUrl: string): Promise<string> {
  const res = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: viewer.email, password: viewer.password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${viewer.email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

function describe(name: string, f: PageFigures): string {
  return (
    `${name.padEnd(10)} performance ${f.performance}  accessibility ${f.accessibility}  LCP ${f.lcpMs} ms  FCP ${f.fcpMs} ms  ` +
    `TBT ${f.tbtMs} ms  CLS ${f.cls}  JS ${f.scriptKib} KiB of ${f.totalKib} KiB transferred` +
    (f.failedA11y.length ? `\n           failing accessibility audits: ${f.failedA11y.join('; ')}` : '')
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  log('# bench:lighthouse');
  const stack = options.appUrl
    ? await useRunningDev(options.appUrl)
    : await startOwnStack({ name: 'lighthouse', backfillDays: 28, log, onStop: lifecycle.onStop });
  const cookie = await signIn(stack.appUrl);
  await mkdir(REPORTS, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  lifecycle.onStop('chromium', async () => chrome.kill());
  log(
    `size: ${PAGES.length} pages of ${tenant.slug} signed in as ${viewer.email}, ${options.runs} runs each, Lighthouse mobile preset ` +
      `(simulated throttling), ${CHROMIUM_PATH}; ${stack.description}`,
  );

  const results: Array<{ name: string; figures: PageFigures }> = [];
  for (const page of PAGES) {
    const runs: PageFigures[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const answer = await lighthouse(`${stack.appUrl}${page.path}`, {
        port: chrome.port,
        output: 'html',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: { Cookie: cookie },
      });
      if (!answer) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      const lhr = answer.lhr as unknown as LighthouseResult & { finalDisplayedUrl: string; runtimeError?: { message: string } };
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${page.path}: ${lhr.runtimeError.message}`);
      if (new URL(lhr.finalDisplayedUrl).pathname !== page.path)
        throw new Error(`${page.path} ended at ${lhr.finalDisplayedUrl}: not signed in?`);
      const a11yIds = (answer.lhr.categories.accessibility?.auditRefs ?? []).map((ref) => ref.id);
      const figures = pageFigures(lhr, a11yIds);
      runs.push(figures);
      log(`  run ${run}: ${describe(page.name, figures)}`);
      await writeFile(`${REPORTS}/${page.name}-${run}.html`, String(answer.report));
    }
    const median = medianRun(runs);
    results.push({ name: page.name, figures: median });
    log(`median ${describe(page.name, median)}`);
  }
  log(`reports: ${REPORTS}/*.html`);
  log(resultLine(results));
}

runBench(lifecycle, main);
