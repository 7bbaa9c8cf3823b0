import { Server } from 'partyserver';
import { APP_POLICIES } from './budget';
import { BudgetStore, type Admission, type CallReport } from './budget-store';

type QuotaPlatform = keyof typeof APP_POLICIES;

/**
 * One per platform app credential: the app-wide budget every tenant shares (Meta app usage,
 * Google daily operations, LinkedIn's application day limit). Asked after the tenant's own budget.
 */
export class PlatformQuota extends Server<Env> {
  #store: BudgetStore | null = null;

  override onStart(): void {
    this.#store = new BudgetStore(this.sql.bind(this));
  }

  admit(platform: QuotaPlatform): Admission {
    return this.#budgets().admit(platform, APP_POLICIES[platform], Date.now());
  }

  report(platform: QuotaPlatform, report: CallReport): void {
    this.#budgets().report(platform, APP_POLICIES[platform], report, Date.now());
  }

  #budgets(): BudgetStore {
    this.#store ??= new BudgetStore(this.sql.bind(this));
    return this.#store;
  }
}
