/**
 * CINNOX's documented error codes (the `code` of its `{ code, message }` error body) that callers branch on.
 * @publicApi
 */
export const CinnoxErrorCode = {
  /** The method or path is not one CINNOX serves ("Method cannot be found"): a wrong subscription or report path. */
  MethodNotFound: 6450001,
  /** A report query's parameters were refused (missing or reversed window, negative offset, limit or days over the maximum). */
  BadParameters: 6451000,
  /** Too many requests: more than 500 per minute per service account. Its HTTP status is not documented. */
  TooManyRequests: 6451010,
  /** A report query was right and found nothing; the library reads it as an empty page, whatever the HTTP status. */
  NoRecords: 6451011,
  /** The app token is invalid. */
  InvalidToken: 6452000,
  /** The app ID is invalid. */
  InvalidAppId: 6452001,
} as const;

/** @publicApi */
export type CinnoxErrorCode = (typeof CinnoxErrorCode)[keyof typeof CinnoxErrorCode];
