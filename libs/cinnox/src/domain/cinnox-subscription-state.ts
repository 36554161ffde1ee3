/**
 * Where a hook's subscription stands in the lifecycle:
 * `subscribing` (first attempt under way), `active` (CINNOX confirmed it), `retrying` (an attempt or a
 * re-confirmation failed; trying again with backoff), `failed` (CINNOX refused the credentials; fix and
 * restart), `off` (unsubscribed on shutdown).
 * @publicApi
 */
export type CinnoxSubscriptionState = 'subscribing' | 'active' | 'retrying' | 'failed' | 'off';
