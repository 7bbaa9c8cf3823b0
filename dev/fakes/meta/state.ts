import type { FakeContext } from '../context';
import { createReportRunStore, type ReportRunStore } from './report-runs';
import { createTokenStore, type TokenStore } from './tokens';

export const CLIENT_ID = 'tidemark-dev';
export const CLIENT_SECRET = 'tidemark-dev-secret';

/** Everything one Meta fake instance keeps between calls. */
export interface MetaState {
  ctx: FakeContext;
  prefix: string;
  tokens: TokenStore;
  runs: ReportRunStore;
  nowMs(): number;
  /** Absolute URL of a path below the prefix, for paging links. */
  absolute(path: string): string;
}

export function createMetaState(ctx: FakeContext, prefix: string): MetaState {
  const nowMs = () => ctx.world.clock.now().getTime();
  return {
    ctx,
    prefix,
    tokens: createTokenStore(nowMs),
    runs: createReportRunStore(),
    nowMs,
    absolute: (path) => `${ctx.publicBaseUrl.replace(/\/$/, '')}${prefix}${path}`,
  };
}
