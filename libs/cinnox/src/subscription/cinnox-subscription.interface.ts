import type { CINNOX_HOOKS } from '../cinnox.constants.js';

/**
 * A CINNOX event subscription as CINNOX reports it after a change.
 * @publicApi
 */
export interface CinnoxSubscription {
  /** True when the hook is subscribed. */
  readonly enabled: boolean;
  /** The webhook URL CINNOX delivers to. */
  readonly url: string;
  /** When CINNOX last changed the subscription. */
  readonly updatedAt: Date;
}

/**
 * The body of `PATCH .../{hook}-event-sub`.
 * @publicApi
 */
export interface CinnoxSubscriptionChange {
  /** `true` subscribes, `false` unsubscribes. */
  enabled: boolean;
  /** Absolute http(s) URL of the webhook. */
  url: string;
}

/**
 * A hook the library knows: CINNOX's path stem, the `{hook}` in `.../{hook}-event-sub` (note CINNOX's
 * spelling `inquiry`).
 * @publicApi
 */
export type CinnoxHookName = (typeof CINNOX_HOOKS)[number];

/**
 * The event family of a subscription. Any other stem is let through to CINNOX, so a hook documented later
 * (the conference one, whose path is unknown) can be subscribed without a new release.
 * @publicApi
 */
export type CinnoxHook = CinnoxHookName | (string & {});

/**
 * Credentials of another CINNOX app, to override the module's `appId` / `appToken` for one call.
 * @publicApi
 */
export interface CinnoxAppCredentials {
  appId: string;
  appToken: string;
}
