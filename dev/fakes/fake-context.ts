import type { FakeContext } from './context';
import { createFaultPlan } from './faults';
import { createCallLedger } from './ledger';
import { createOAuthDialogControl, type OAuthDialogControl } from './oauth-choice';
import { defaultRegimes } from './regimes';
import { createWorld } from './world';

export interface FakeContextOptions {
  seed?: number;
  now?: Date;
  /** Fake clock speed (fake ms per real ms); 1 by default. */
  speed?: number;
  publicBaseUrl?: string;
}

export type FullFakeContext = FakeContext & { oauth: OAuthDialogControl };

/** A complete context as the fake server builds it; platform tests can use it without a server. */
export function createFakeContext(options: FakeContextOptions = {}): FullFakeContext {
  const world = createWorld({ seed: options.seed, now: options.now, speed: options.speed });
  return {
    world,
    calls: createCallLedger(),
    faults: createFaultPlan(),
    regimes: defaultRegimes(),
    publicBaseUrl: options.publicBaseUrl ?? 'http://127.0.0.1:8790',
    oauth: createOAuthDialogControl(world),
  };
}
