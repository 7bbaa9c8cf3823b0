import type { FakeContext } from './context';
import { createFaultPlan } from './faults';
import { createCallLedger } from './ledger';
import { createOAuthDialogControl, type OAuthDialogControl } from './oauth-choice';
import { defaultRegimes } from './regimes';
import { createWorld, type WorldOptions } from './world';

export interface FakeContextOptions extends WorldOptions {
  publicBaseUrl?: string;
}

export type FullFakeContext = FakeContext & { oauth: OAuthDialogControl };

/** A complete context as the fake server builds it; platform tests can use it without a server. */
export function createFakeContext(options: FakeContextOptions = {}): FullFakeContext {
  const { publicBaseUrl: _, ...worldOptions } = options;
  const world = createWorld(worldOptions);
  return {
    world,
    calls: createCallLedger(),
    faults: createFaultPlan(),
    regimes: defaultRegimes(),
    publicBaseUrl: options.publicBaseUrl ?? 'http://127.0.0.1:8790',
    oauth: createOAuthDialogControl(world),
  };
}
