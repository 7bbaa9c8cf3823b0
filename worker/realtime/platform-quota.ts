import { Server } from 'partyserver';
import type { SyncLane } from '../../db/schema/enum-values';
import type { Demand } from './budget-scopes';
import { type Admission, type BudgetRow, BudgetStore, type ScopeReport } from './budget-store';

/**
 * One per platform app credential: the app-wide budgets every tenant shares (Meta app usage,
 * Google daily operations, LinkedIn's application day) and LinkedIn's member days (a member's
 * limit spans every tenant it connected). Asked after the tenant's own budget; the caller passes
 * the demands with their policies, which come from configuration (the access tier), and its clock.
 */
export class PlatformQuota extends Server<Env> {
  #store: BudgetStore | null = null;

  admit(lane: SyncLane, demands: Demand[], now: number): Admission {
    return this.#budgets().admitAll(lane, demands, now);
  }

  release(demands: Demand[], now: number): void {
    this.#budgets().releaseAll(demands, now);
  }

  report(entries: ScopeReport[], now: number): void {
    this.#budgets().reportAll(entries, now);
  }

  /** The stored rows as they are (keys: budget-keys.ts). */
  budgets(_now?: number): BudgetRow[] {
    return this.#budgets().snapshot();
  }

  #budgets(): BudgetStore {
    this.#store ??= new BudgetStore(this.sql.bind(this));
    return this.#store;
  }
}
