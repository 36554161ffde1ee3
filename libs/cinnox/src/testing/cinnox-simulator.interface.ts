/** @publicApi */
export interface CinnoxSimulatorOptions {
  /** App ID the simulator accepts. @default 'sim-app' */
  appId?: string;
  /** App token the simulator accepts as `Bearer`. @default 'sim-token' */
  appToken?: string;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** How long a webhook may take to answer a challenge or a notification. @default 5000 */
  webhookTimeoutMs?: number;
  /**
   * API requests allowed per app token in any `rateLimitWindowMs`; more are answered with CINNOX's code
   * 6451010 (CINNOX documents 500 per minute per service account). @default 500
   */
  requestsPerMinute?: number;
  /** The window of `requestsPerMinute`, in ms (shorten it in tests). @default 60000 */
  rateLimitWindowMs?: number;
  /** HTTP status sent with 6451010; CINNOX does not document it. @default 429 */
  rateLimitStatus?: number;
  /**
   * Share of webhook notifications (not URL verifications) lost on the way, from 0 to 1: the call still
   * happened, so the reports know it. Which ones is drawn from `dropSeed`, the same in every run. @default 0
   */
  dropRate?: number;
  /** Seed of the draw of lost deliveries. @default 1 */
  dropSeed?: number;
  /** Largest `limit` the report endpoints take ("exceed maximum limit {limit}" past it). @default 200 */
  reportMaxLimit?: number;
  /** Longest report window in days ("Exceed maximum query day %d" past it). @default 31 */
  reportMaxQueryDays?: number;
  /** HTTP status sent with 6451011 (no records found); CINNOX does not document it. @default 404 */
  noRecordsStatus?: number;
  /**
   * Subscription paths (the last segment, e.g. `conference-event-sub`) answered with CINNOX's 6450001 ("Method
   * cannot be found"), HTTP 404, as CINNOX answers a path it does not serve: for testing an assumed path. @default []
   */
  unknownSubscriptionPaths?: readonly string[];
}

/**
 * A conference call `placeConference()` ends; anything not given gets a plausible value.
 * @publicApi
 */
export interface CinnoxSimulatedConference {
  /** The conference ID (`message.id`). @default 'conference-<uuid>' */
  id?: string;
  /** `message.serviceId`. @default 'service-demo' */
  serviceId?: string;
  /**
   * The recording notification that follows the end (`message.type` `conference`, the same id), or `false` for
   * none. @default 'success' when a recording hook is subscribed, else none
   */
  recording?: 'success' | 'fail' | false;
}

/**
 * How a placed call ended, as CINNOX's reports tell it; anything not given gets a plausible value.
 * @publicApi
 */
export interface CinnoxSimulatedCallOutcome {
  /** Call-log `status`. @default 'Call Ended' */
  status?: string;
  /** `byeReason`. @default 'Normal call clearing' */
  byeReason?: string;
  /** `releaseParty`. @default 'Caller' */
  releaseParty?: string;
  /** `mediaType`. @default 'audio' */
  mediaType?: string;
  /** Call-detail `callDirection`. @default 'Outbound' when the caller has an eid (staff), else 'Inbound' */
  direction?: string;
  /** `inquiryID`. @default 'inquiry-<n>' */
  inquiryId?: string;
  /** `displayCaseNumber`. @default 'C<n, 6 digits>' */
  caseNumber?: string;
}

/** A subscription as the simulator stores it. @publicApi */
export interface CinnoxSimulatedSubscription {
  readonly hook: string;
  readonly enabled: boolean;
  readonly url: string;
  readonly updatedAt: string;
}

/** One API request the simulator received, with what it answered. @publicApi */
export interface CinnoxSimulatorRequest {
  readonly method: string;
  readonly path: string;
  /** The query string's parameters, when the URL had one (the report queries'). */
  readonly query?: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly body: unknown;
  readonly status: number;
}

/** One POST the simulator made to a webhook, with the webhook's answer. @publicApi */
export interface CinnoxDelivery {
  readonly hook: string;
  readonly url: string;
  readonly body: unknown;
  /** HTTP status the webhook answered; absent when it could not be reached. */
  readonly status?: number;
  /** The webhook's answer, parsed as JSON when it was JSON. */
  readonly response?: unknown;
  /** Why the delivery failed to get an answer (connection refused, timeout...). */
  readonly error?: string;
  /** True when the simulator lost this delivery on purpose (`dropRate`): nothing was sent. */
  readonly dropped?: true;
}

/**
 * A fault for the next API request, for testing the client's error paths. With only `delayMs`, the
 * request is answered normally after the delay.
 * @publicApi
 */
export interface CinnoxSimulatedFailure {
  /** Answer this status (and `body`, default `{ code: status, message }`) instead of handling the request. */
  status?: number;
  body?: unknown;
  /** Extra response headers, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (longer than the client's timeout simulates a hang). */
  delayMs?: number;
  /** Destroy the connection without answering (ECONNRESET on the client). */
  reset?: boolean;
  /**
   * Echo the request body's `url` (the registered URL, `?token=` included) in the message, as a vendor
   * error message may: for testing that secrets are kept out of errors and logs.
   */
  echoUrl?: boolean;
}

/** How `deliver()` sends a body. @publicApi */
export interface CinnoxDeliveryOptions {
  /** The hook whose subscription URL is used. @default 'call' */
  hook?: string;
  /** Send the same body this many times in a row (CINNOX may deliver more than once). @default 1 */
  times?: number;
  /** Redeliver up to this many times while the webhook does not answer 2xx. @default 0 */
  retries?: number;
  /** Wait between redeliveries, in ms. @default 100 */
  retryDelayMs?: number;
}
