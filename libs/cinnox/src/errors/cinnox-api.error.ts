import { CinnoxError } from './cinnox.error.js';

/**
 * CINNOX answered the subscription call with a non-2xx status (a `400 { code, message }` and the like).
 * @publicApi
 */
export class CinnoxApiError extends CinnoxError {
  /**
   * @param status HTTP status CINNOX answered.
   * @param code CINNOX's own `code`, when the body carried one.
   * @param vendorMessage CINNOX's `message`, when the body carried one.
   */
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | undefined,
    readonly vendorMessage: string | undefined,
    /** How many attempts were made, retries included. */
    readonly attempts = 1,
  ) {
    super(message);
  }
}
