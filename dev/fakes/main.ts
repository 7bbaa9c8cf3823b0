/**
 * `npm run fakes`: every fake platform and service on one port, with `npm run dev`'s showcase roster.
 * Env: FAKES_PORT (8790), FAKES_SEED, FAKES_NOW, FAKES_SPEED, or FAKES_TIME_SCALE (the Worker's
 * TIME_SCALE triple, which wins over both), FAKES_SHOWCASE=0 for the small fixed cast only.
 */
import { parseTimeScale } from '../../worker/lib/clock';
import { createFakeServer } from './server';

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got '${raw}'`);
  return value;
}

const startedAt = performance.now();
const nowText = process.env.FAKES_NOW;
const now = nowText ? new Date(nowText) : undefined;
if (now && Number.isNaN(now.getTime())) throw new Error(`FAKES_NOW must be an ISO date-time, got '${nowText}'`);
const scaleText = process.env.FAKES_TIME_SCALE;
const scale = scaleText ? parseTimeScale(scaleText) : null;
if (scaleText && !scale) throw new Error(`FAKES_TIME_SCALE must be <simEpochISO>@<realAnchorMs>x<speed>, got '${scaleText}'`);

const fakes = await createFakeServer({
  port: numberFromEnv('FAKES_PORT') ?? 8790,
  seed: numberFromEnv('FAKES_SEED'),
  showcase: process.env.FAKES_SHOWCASE !== '0',
  ...(scale
    ? { now: new Date(scale.simEpochMs), speed: scale.speed, realAnchorMs: scale.realAnchorMs }
    : { now, speed: numberFromEnv('FAKES_SPEED') }),
});
const readyMs = performance.now() - startedAt;
const health = await (await fetch(`${fakes.url}/_control/health`)).json();
const rssMb = process.memoryUsage().rss / 1024 / 1024;
console.log(
  `Fake platforms and services at ${fakes.url} (seed ${fakes.ctx.world.seed}, clock ${fakes.ctx.world.clock.now().toISOString()})`,
);
console.log(
  `  platforms: ${(health as { platforms: string[] }).platforms.join(', ') || 'none'}; services: sendgrid, slack, datadog, cloudflare`,
);
console.log(
  `  ready in ${readyMs.toFixed(0)} ms (${(process.uptime() * 1000).toFixed(0)} ms since process start), resident memory ${rssMb.toFixed(1)} MB`,
);
console.log(`  control: ${fakes.url}/_control/world   inbox: ${fakes.url}/_control/inbox`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the fakes`);
    fakes.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
