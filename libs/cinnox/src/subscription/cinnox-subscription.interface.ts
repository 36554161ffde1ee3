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
 * The event family of a subscription: the `{hook}` in `.../{hook}-event-sub`. `call` is the only one
 * this version receives; its siblings can be subscribed with the same client.
 * @publicApi
 */
export type CinnoxHook = 'call' | 'recording' | 'conference' | 'enquiry' | 'sms' | 'contact' | 'label' | (string & {});

/**
 * Credentials of another CINNOX app, to override the module's `appId` / `appToken` for one call.
 * @publicApi
 */
export interface CinnoxAppCredentials {
  appId: string;
  appToken: string;
}
