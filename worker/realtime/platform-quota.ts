import { BudgetServer } from './budget-server';

/**
 * One per platform app credential: the app-wide budgets every tenant shares (Meta app usage,
 * Google daily operations, LinkedIn's application day) and LinkedIn's member days (a member's
 * limit spans every tenant it connected). Asked after the tenant's own budget; the caller passes
 * the demands with their policies, which come from configuration (the access tier), and its clock.
 */
export class PlatformQuota extends BudgetServer {}
