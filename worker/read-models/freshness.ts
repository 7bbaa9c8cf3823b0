import type { SettlingDays } from '../jobs/windows';
import { type AccountFreshness, accountFreshness } from '../report/freshness';
import { readAdAccountCards } from './ad-accounts';
import type { TenantReadScope } from './scope';

/**
 * The freshness of every enabled ad account of the tenant as of `now` (not cached, like the cards
 * it is read from: re-auth and failures do not bump the data version).
 */
export async function readAccountFreshness(scope: TenantReadScope, now: Date, settlingDays: SettlingDays): Promise<AccountFreshness[]> {
  const cards = await readAdAccountCards(scope, now);
  return cards
    .filter((card) => card.enabled)
    .map((card) => accountFreshness(card, card.connectionHealth, card.syncState, settlingDays, now));
}
