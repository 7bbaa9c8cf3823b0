import type { Platform } from '../../db/schema/enum-values';
import { DEMO_CONNECTIONS } from '../demo/plan';
import { createWorld } from '../fakes/world';

/**
 * The fakes' small cast that `npm run dev` connected before the showcase roster: the native ids of
 * the accounts the partner members grant (the dev fakes' default seed; ids do not depend on the date).
 */
export function smallCastAccounts(): Array<{ platform: Platform; externalId: string }> {
  const world = createWorld({ speed: 0 });
  return DEMO_CONNECTIONS.flatMap((c) =>
    (world.members(c.platform).find((m) => m.key === c.memberKey)?.accountIds ?? []).map((externalId) => ({
      platform: c.platform,
      externalId,
    })),
  );
}
