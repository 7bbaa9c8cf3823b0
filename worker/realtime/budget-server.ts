import { Server } from 'partyserver';
import type { SyncLane } from '../../db/schema/enum-values';
import type { Demand } from './budget-scopes';
import { type Admission, type BudgetRow, BudgetStore, type ScopeReport } from './budget-store';

/**
 * The budget RPCs both Durable Objects answer, over their own SQLite: TenantHub for its ad accounts'
 * scopes, PlatformQuota for the app-wide ones (budget-keys.ts says which key lives where). Callers
 * pass the demands with their policies and their clock (`now`, epoch ms), never this object's.
 */
export class BudgetServer extends Server<Env> {
  #store: BudgetStore | null = null;

  /** May a sync call the platform now? `demands` come from budget-scopes.ts (accountDemands, appDemands). */
  admit(lane: SyncLane, demands: Demand[], now: number): Admission {
    return this.#budgets().admitAll(lane, demands, now);
  }

  /** Gives back an admission a later gate refused (its tokens and, if it was one, its probe slot). */
  release(demands: Demand[], now: number): void {
    this.#budgets().releaseAll(demands, now);
  }

  /** Feeds a sync's outcome and the platform's usage signals back into the scopes. */
  report(entries: ScopeReport[], now: number): void {
    this.#budgets().reportAll(entries, now);
  }

  /** The stored rows as they are; `now` is accepted so every budget RPC takes the caller's clock. */
  budgets(_now?: number): BudgetRow[] {
    return this.#budgets().snapshot();
  }

  #budgets(): BudgetStore {
    this.#store ??= new BudgetStore(this.sql.bind(this));
    return this.#store;
  }
}
