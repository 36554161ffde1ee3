/**
 * One budget for every call the module makes to CINNOX's API (subscriptions and reports): CINNOX allows 500
 * requests a minute per service account and answers 6451010 past it. A token bucket: at most `burst` calls
 * at once, refilled so that no 60 seconds start more than `requestsPerMinute`; report queries wait for a token
 * and never take the last `subscriptionReserve`, which the subscription calls may.
 * @publicApi
 */
export interface CinnoxRequestBudgetOptions {
  /**
   * Most calls started in any 60 seconds, all of the module's included; keep it under CINNOX's 500 when other
   * processes share the service account (give each its share).
   * @default 450
   */
  requestsPerMinute?: number;
  /**
   * Most calls that may start at once after a quiet spell (the bucket's size); less than `requestsPerMinute`.
   * @default 45
   */
  burst?: number;
  /**
   * Tokens report queries leave for subscription calls; less than `burst`.
   * @default 10
   */
  subscriptionReserve?: number;
}

/**
 * The report client (`CinnoxReports`). CINNOX documents neither the page size nor the longest window of a
 * report query: these are where the client starts, and it goes on with the smaller values CINNOX's own
 * refusals name (`exceed maximum limit {limit}`, `Exceed maximum query day %d`).
 * @publicApi
 */
export interface CinnoxReportsOptions {
  /**
   * Records asked for per page (`limit`).
   * @default 100
   */
  pageSize?: number;
  /** Longest window of one query, in days; windows are split to fit. Unset: learned from CINNOX's refusal. */
  maxQueryDays?: number;
}

/** The request budget after defaults are merged and validated. */
export type CinnoxResolvedRequestBudgetOptions = Readonly<Required<CinnoxRequestBudgetOptions>>;

/** The report options after defaults are merged and validated. */
export interface CinnoxResolvedReportsOptions {
  readonly pageSize: number;
  readonly maxQueryDays?: number;
}
