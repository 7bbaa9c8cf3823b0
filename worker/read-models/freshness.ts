import type { SettlingDays } from '../jobs/windows';
import { type AccountFreshness, accountFreshness } from '../report/freshness';
import { type AdAccountCard, readAdAccountCards } from './ad-accounts';
import type { TenantReadScope } from './scope';

/** The freshness of every enabled ad account among cards read as of `now`. */
export function freshnessOf(cards: readonly AdAccountCard[], now: Date, settlingDays: SettlingDays): AccountFreshness[] {
  return cards
    .filter((card) => card.enabled)
    .map((card) => accountFreshness(card, card.connectionHealth, card.syncState, settlingDays, now));
}

/**
 * The freshness of every enabled ad account of the tenant as of `now` (not cached, like the cards
 * it is read from: re-auth and failures do not bump the data version).
 */
export async function readAccountFreshness(scope: TenantReadScope, now: Date, settlingDays: SettlingDays): Promise<AccountFreshness[]> {
  return freshnessOf(await readAdAccountCards(scope, now), now, settlingDays);
}
