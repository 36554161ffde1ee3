import { CinnoxError } from './cinnox.error.js';

/**
 * CINNOX answered 2xx with a body that is not the documented `{ code, result: { enabled, url, updatedAt } }`.
 * @publicApi
 */
export class CinnoxResponseError extends CinnoxError {
  /**
   * @param status HTTP status CINNOX answered.
   * @param options `cause`: the underlying error, when there is one.
   */
  constructor(
    message: string,
    readonly status: number,
    /** How many attempts were made, retries included. */
    readonly attempts = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
