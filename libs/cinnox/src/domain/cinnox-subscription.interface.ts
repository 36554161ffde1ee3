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
 * Credentials of another CINNOX app, to override the module's `appId` / `appToken` for one call.
 * @publicApi
 */
export interface CinnoxAppCredentials {
  appId: string;
  appToken: string;
}
