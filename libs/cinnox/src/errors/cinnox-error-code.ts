/**
 * CINNOX's documented error codes (the `code` of its `{ code, message }` error body) that callers branch on.
 * @publicApi
 */
export const CinnoxErrorCode = {
  /** Too many requests: more than 500 per minute per service account. Its HTTP status is not documented. */
  TooManyRequests: 6451010,
  /** The app token is invalid. */
  InvalidToken: 6452000,
  /** The app ID is invalid. */
  InvalidAppId: 6452001,
} as const;

/** @publicApi */
export type CinnoxErrorCode = (typeof CinnoxErrorCode)[keyof typeof CinnoxErrorCode];
