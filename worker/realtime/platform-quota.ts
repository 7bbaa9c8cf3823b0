import { Server } from 'partyserver';
import type { Platform } from '../../db/schema/enum-values';
import type { BucketPolicy } from './budget';
import { type Admission, BudgetStore, type CallReport } from './budget-store';

/**
 * One per platform app credential: the app-wide budget every tenant shares (Meta app usage,
 * Google daily operations, LinkedIn's application day limit). Asked after the tenant's own
 * budget; the caller passes the policy, which comes from configuration (the access tier).
 */
export class PlatformQuota extends Server<Env> {
  #store: BudgetStore | null = null;

  admit(platform: Platform, policy: BucketPolicy): Admission {
    return this.#budgets().admit(platform, policy, Date.now());
  }

  report(platform: Platform, policy: BucketPolicy, report: CallReport): void {
    this.#budgets().report(platform, policy, report, Date.now());
  }

  #budgets(): BudgetStore {
    this.#store ??= new BudgetStore(this.sql.bind(this));
    return this.#store;
  }
}
