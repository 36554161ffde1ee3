import type { CinnoxHookName } from './cinnox-hook-name.js';
import type { CinnoxSubscriptionState } from './cinnox-subscription-state.js';

/**
 * Payload of `cinnox.subscription`: a hook's subscription entered a new state. Emitted once per change,
 * never per attempt.
 * @publicApi
 */
export class CinnoxSubscriptionChangedEvent {
  constructor(
    /** The hook, e.g. `call`. */
    readonly hook: CinnoxHookName | (string & {}),
    /** The state entered. */
    readonly state: CinnoxSubscriptionState,
    /** The state left. */
    readonly previousState: CinnoxSubscriptionState,
    /** The webhook URL subscribed, without its token. */
    readonly url: string,
    /** When the state changed. */
    readonly at: Date,
    /** Why the last attempt failed (set on `retrying` and `failed`); its message never holds a secret. */
    readonly lastError?: Error,
  ) {}
}
