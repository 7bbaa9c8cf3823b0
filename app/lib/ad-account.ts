/** One ad account as the Connections page shows it: the API's ad-accounts entry (one read model serves both). */
export type { AdAccountCard as AdAccountCardData } from '$worker/read-models/ad-accounts';
